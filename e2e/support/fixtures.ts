import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { demo } from '@portico/emulator';

type DemoRole = keyof typeof demo.users;

export interface PorticoFixtures {
  emulatorUrl: string;
  /** Signs in through the sign-in page as one of the emulator's demo users. */
  signIn: (role: DemoRole) => Promise<void>;
  /** Fails the test on any serious or critical axe violation on the current page. */
  expectNoSeriousA11yViolations: () => Promise<void>;
  /** Keeps a full-page screenshot of the current screen as a test artifact. */
  keepScreenshot: (name: string) => Promise<void>;
}

export const test = base.extend<PorticoFixtures>({
  // Playwright reads a fixture's dependencies from its first parameter: an empty pattern means none.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    await use(process.env.PORTICO_E2E_BASE_URL);
  },
  // eslint-disable-next-line no-empty-pattern
  emulatorUrl: async ({}, use) => {
    const url = process.env.PORTICO_E2E_EMULATOR_URL;
    if (!url) throw new Error('global setup did not start the emulator');
    await use(url);
  },
  signIn: async ({ page }, use) => {
    await use(async (role) => {
      const user = demo.users[role];
      await page.goto('/');
      await page.getByLabel(/account|domain/i).fill(demo.domainName);
      await page.getByLabel(/user/i).fill(user.name);
      await page.getByLabel(/password/i).fill(user.password);
      await page.getByRole('button', { name: /sign in/i }).click();
      await expect(page.getByRole('navigation')).toBeVisible();
    });
  },
  expectNoSeriousA11yViolations: async ({ page }, use) => {
    await use(async () => {
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    });
  },
  keepScreenshot: async ({ page }, use, testInfo) => {
    await use(async (name) => {
      await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
      await testInfo.attach(name, { path: testInfo.outputPath(`${name}.png`) });
    });
  },
});

export { expect, type Page };
