import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/**
 * Browser downloads fail on our machines: the tests drive Debian's Chromium
 * (`PORTICO_CHROMIUM` to use another binary).
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath = process.env.PORTICO_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: run ./scripts/test.sh (it installs Debian's chromium) or set PORTICO_CHROMIUM`,
    );
  }
  return {
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  };
}
