import type { Page } from '@playwright/test';

export interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
}

/**
 * Records every Content-Security-Policy violation the page reports, across navigations: the
 * `securitypolicyviolation` events (through a binding that outlives each document) and the
 * console errors Chromium prints for them.
 */
export async function watchCspViolations(page: Page): Promise<CspViolation[]> {
  const seen: CspViolation[] = [];
  await page.exposeBinding('__porticoCspViolation', (_source, v: CspViolation) => {
    seen.push(v);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __porticoCspViolation: (v: unknown) => void }).__porticoCspViolation;
      void report({ directive: e.violatedDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}` });
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) {
      seen.push({ directive: 'console', blocked: m.text(), source: m.location().url });
    }
  });
  return seen;
}
