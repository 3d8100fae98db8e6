import { demo } from '@portico/emulator';

export interface BannerInput {
  host: string;
  port: number;
  /** True when no upstream is configured and the embedded emulator answers instead. */
  embedded: boolean;
  /** False when the built web app is missing: only the API is served. */
  webServed: boolean;
}

/** The address a browser on this machine opens: a wildcard bind is reached via loopback. */
export function browserUrl(host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

/**
 * What `pnpm start` shows a newcomer, in plain text rather than a JSON log line: where to go and,
 * on the embedded emulator, how to sign in.
 */
export function startBanner(b: BannerInput): string {
  const lines = ['', `  Portico is running at ${browserUrl(b.host, b.port)}`];
  if (!b.webServed)
    lines.push('  (the web app is not built: run `pnpm build` to serve it; the API answers under /api)');
  if (b.embedded) {
    lines.push(
      '',
      '  Upstream: the embedded emulator (no cloud account needed). Demo sign-in:',
      `    account  ${demo.domainName}`,
      ...Object.entries(demo.users).map(
        ([role, u]) => `    user     ${u.name.padEnd(14)}  password  ${u.password.padEnd(21)}  (${role})`,
      ),
    );
  } else {
    lines.push('', '  Upstream: the configured cloud endpoints; sign in with an IAM user.');
  }
  lines.push('', '  Stop with Ctrl+C.', '');
  return lines.join('\n');
}
