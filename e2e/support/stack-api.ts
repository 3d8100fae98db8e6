import { csrfHeader, type ResourceSummary } from '@portico/api-types';
import type { APIRequestContext, Page } from '@playwright/test';

/** The fault controls of the emulator (`PUT /__emulator/faults`), all off. */
export const noFaults = {
  latencyMs: 0,
  errorRate: 0,
  throttleRate: 0,
  cutStreamAfterBytes: null,
  largeFileBytes: null,
} as const;

export type Faults = { [K in keyof typeof noFaults]?: number | null };

export async function setFaults(request: APIRequestContext, emulatorUrl: string, faults: Faults): Promise<void> {
  const res = await request.put(`${emulatorUrl}/__emulator/faults`, {
    data: { ...noFaults, ...faults },
  });
  if (!res.ok()) throw new Error(`faults not set: ${res.status()} ${await res.text()}`);
}

/**
 * Headers for a state-changing BFF call made behind the page's back with its own session cookie
 * (`page.request` shares the browser context's cookies).
 */
export async function csrfHeaders(page: Page): Promise<Record<string, string>> {
  const res = await page.request.get('/api/session');
  if (!res.ok()) throw new Error(`no session: ${res.status()}`);
  const session = (await res.json()) as { csrf_token: string };
  return { [csrfHeader]: session.csrf_token };
}

/** A unique suffix so that names created by one run never clash with an earlier run's. */
export const uniqueSuffix = (): string => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/**
 * The items of a BFF list (resources or workflows: both have `id` and `name`), read with the
 * page's own session the way the screens read them.
 */
export async function listedItems(page: Page, path: string): Promise<Pick<ResourceSummary, 'id' | 'name'>[]> {
  const res = await page.request.get(path);
  if (!res.ok()) throw new Error(`GET ${path} answered ${res.status()}`);
  return ((await res.json()) as { items: Pick<ResourceSummary, 'id' | 'name'>[] }).items;
}
