import type { Locator } from '@playwright/test';
import { expect, test, type Page } from '../support/fixtures';

/** Lines a piece of text takes on screen: one client rect per line box it is laid out in. */
function linesOf(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
}

/** How wide each text is on one line in the element's font. */
function textWidths(locator: Locator, texts: string[]): Promise<number[]> {
  return locator.evaluate((el, all) => {
    const probe = document.createElement('span');
    probe.style.cssText = `position:absolute;visibility:hidden;white-space:nowrap;font:${getComputedStyle(el).font}`;
    document.body.append(probe);
    const widths = all.map((text) => {
      probe.textContent = text;
      return probe.getBoundingClientRect().width;
    });
    probe.remove();
    return widths;
  }, texts);
}

/** Whether a select is wide enough for its chosen option's text beside its arrow. */
async function showsWholeChoice(select: Locator): Promise<boolean> {
  const chosen = await select.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent ?? '');
  const [text = 0] = await textWidths(select, [chosen]);
  // Padding on both sides and the drop-down arrow take about 40 px.
  return text + 40 <= (await select.evaluate((el) => el.clientWidth));
}

/** How far the page itself scrolls sideways (a table may scroll inside its own box). */
const pageOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test.describe('a phone-sized window', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('keeps every screen within the window, the workspace readable and the names visible', async ({
    page,
    signIn,
    keepScreenshot,
  }) => {
    await signIn('admin');
    const picker = page.getByLabel('DataArts Insight workspace');
    await expect(picker).toHaveValue(/.+/);
    const box = await picker.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(200);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    expect(await showsWholeChoice(picker)).toBe(true);
    const signOut = page.getByRole('button', { name: 'Sign out' });
    expect(await linesOf(signOut)).toBe(1);

    // A resource's name gets most of its row: the update date gives way below the `sm` width.
    const open = page.getByRole('button', { name: /^Open / }).first();
    await expect(open).toBeVisible();
    const name = await open.evaluate((el) => ({ shown: el.clientWidth, needed: el.scrollWidth }));
    expect(name.shown).toBeGreaterThanOrEqual(Math.min(name.needed, 180));
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    await keepScreenshot('phone-resources');

    for (const [link, heading] of [
      ['Export', 'Export'],
      ['Import', /Import/],
      ['Audit', 'Audit'],
      ['Activity', 'Activity'],
    ] as const) {
      await page.getByRole('navigation').getByRole('link', { name: link }).click();
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      expect(await pageOverflow(page), link).toBeLessThanOrEqual(0);
    }
  });

  test('the activity log folds its filters, so its entries start high on the first screen', async ({
    page,
    signIn,
    keepScreenshot,
  }) => {
    await signIn('admin');
    await page.getByRole('navigation').getByRole('link', { name: 'Activity' }).click();
    const firstEntry = page.getByRole('table').getByRole('row').nth(1);
    await expect(firstEntry).toBeVisible();
    // In the screen's upper half (unfolded, the six fields pushed it to about 680 px of 844).
    expect((await firstEntry.boundingBox())!.y).toBeLessThan(844 / 2);
    const user = page.getByLabel('User');
    await expect(user).toBeHidden();
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    await expect(user).toBeVisible();
    await user.fill('demo-admin');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.getByRole('button', { name: 'Filters (1 applied)' })).toHaveAttribute('aria-expanded', 'false');
    await expect(user).toBeHidden();
    await expect(page.getByRole('table').getByRole('row').nth(1)).toBeVisible();
    await keepScreenshot('phone-activity');
  });

  test('the activity log shows each entry as a card: every field on screen, the outcome included', async ({
    page,
    signIn,
    keepScreenshot,
    expectNoSeriousA11yViolations,
  }) => {
    await signIn('admin');
    await page.getByRole('navigation').getByRole('link', { name: 'Activity' }).click();
    const table = page.getByRole('table');
    const entry = table.getByRole('row').nth(1);
    await expect(entry).toBeVisible();
    // Nothing to scroll sideways, in the page or in the table's own box.
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    expect(
      await table.evaluate((el) => el.parentElement!.scrollWidth - el.parentElement!.clientWidth),
    ).toBeLessThanOrEqual(0);
    // Every field of the entry inside the window, one under the other, after its column's name.
    const cells = entry.getByRole('cell');
    const outcome = cells.nth(4);
    await expect(outcome).toHaveText(/^(Success|Failure|Pending)/);
    const lefts = new Set<number>();
    let lastTop = -1;
    for (const cell of await cells.all()) {
      if (!(await cell.isVisible())) continue;
      const box = (await cell.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(box.y).toBeGreaterThan(lastTop);
      lastTop = box.y;
      lefts.add(Math.round(box.x));
    }
    expect(lefts.size).toBe(1);
    expect(await outcome.evaluate((el) => getComputedStyle(el, '::before').content)).toContain('Outcome');
    // The column's name is shown, not read out: the cell's name is its value alone, and its
    // column header is still the table's.
    await expect(outcome).toHaveAccessibleName(/^(Success|Failure|Pending)/);
    await expect(table.getByRole('columnheader', { name: 'Outcome' })).toBeAttached();
    await keepScreenshot('phone-activity-entries');
    await expectNoSeriousA11yViolations();
  });
});

test.describe('a tablet-sized window', () => {
  test.use({ viewport: { width: 768, height: 1024 } });

  test('audit results scroll sideways as one table, inside their box', async ({
    page,
    signIn,
    expectNoSeriousA11yViolations,
  }) => {
    await signIn('admin');
    await page.getByRole('navigation').getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('checkbox', { name: 'Datasets', exact: true }).check();
    await page.getByRole('button', { name: 'Run audit' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Audit finished/ })).toBeVisible({ timeout: 30_000 });
    const table = page.getByRole('table', { name: 'Audit results' });
    await expect(table.getByRole('row').nth(1)).toBeVisible();
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);

    // The last column is out of view until the rows are scrolled; its header moves with them.
    const header = table.getByRole('columnheader', { name: 'Finding' });
    const firstCell = table.getByRole('row').nth(1).getByRole('cell').last();
    const rows = page.getByRole('region', { name: 'Audit rows' });
    const before = (await header.boundingBox())!.x;
    await rows.evaluate((el) => el.scrollBy({ left: 10_000 }));
    await expect.poll(async () => (await firstCell.boundingBox())!.x).toBeLessThan(before);
    expect(Math.abs((await header.boundingBox())!.x - (await firstCell.boundingBox())!.x)).toBeLessThan(1);
    // Scrolled down, the header stays on top of the rows.
    const headerY = (await header.boundingBox())!.y;
    await rows.evaluate((el) => el.scrollBy({ top: 2_000 }));
    await expect.poll(() => rows.evaluate((el) => el.scrollTop)).toBeGreaterThan(1_000);
    expect(Math.abs((await header.boundingBox())!.y - headerY)).toBeLessThan(1);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoSeriousA11yViolations();
  });
});

test.describe('a half-screen window', () => {
  test.use({ viewport: { width: 640, height: 900 } });

  test('the activity log breaks a target between words, not inside them', async ({ page, signIn }) => {
    await signIn('admin');
    await page.getByRole('navigation').getByRole('link', { name: 'Activity' }).click();
    // The admin's own sign-in: "portico-demo/demo-admin", which may break after a hyphen or not at all.
    const target = page.getByRole('cell', { name: /\/demo-admin$/ }).first();
    await expect(target).toBeVisible();
    expect(await linesOf(target)).toBeLessThanOrEqual(3);
    // The widest piece the target may not be broken inside of fits its column.
    const pieces = await textWidths(target, ((await target.textContent()) ?? '').split(/(?<=[-/])/));
    expect(await target.evaluate((el) => el.clientWidth)).toBeGreaterThanOrEqual(Math.floor(Math.max(...pieces)));
  });
});

test.describe('a laptop-sized window', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the activity filters show a whole date and time, and the header its workspace', async ({ page, signIn }) => {
    await signIn('admin');
    await page.getByRole('navigation').getByRole('link', { name: 'Activity' }).click();
    // Wide enough, the filters show and nothing folds them.
    await expect(page.getByRole('button', { name: 'Filters', exact: true })).toBeHidden();
    const from = page.getByLabel('From');
    await from.fill('2026-12-07T09:30');
    // The field is as wide as what Chromium draws in it (date, time and picker icon).
    const fits = await from.evaluate((el) => el.scrollWidth <= el.clientWidth && el.clientWidth >= 200);
    expect(fits).toBe(true);
    expect(await linesOf(page.getByRole('button', { name: 'Apply filters' }))).toBe(1);
    // The workspace picker sits beside its label in the header, its choice whole.
    const picker = page.getByLabel('DataArts Insight workspace');
    expect(await showsWholeChoice(picker)).toBe(true);
    const label = page.getByText('DataArts Insight workspace', { exact: true });
    expect(Math.abs((await label.boundingBox())!.y - (await picker.boundingBox())!.y)).toBeLessThan(16);
  });
});
