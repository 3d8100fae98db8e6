import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeBff } from '../testing/fake-bff';
import { renderApp } from '../testing/render-app';

// The Import screen's code arrives only when the test lets it: its first visit stays loading.
const importCode = vi.hoisted(() => {
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  return { arrived, arrive: () => arrive() };
});
vi.mock('../features/import/components/import-page', async (importOriginal) => {
  await importCode.arrived;
  return importOriginal();
});

afterEach(() => vi.unstubAllGlobals());

describe('navigating to a screen whose code is still loading', () => {
  it('says so, and keeps the screen being left from taking clicks until the new one shows', async () => {
    installFakeBff();
    const app = renderApp('/resources?ws=ws-default');
    await screen.findByRole('checkbox', { name: 'Select Sales dashboard 00001' });
    const main = screen.getByRole('main');
    expect(screen.queryByRole('progressbar', { name: 'Loading the screen' })).toBeNull();
    expect(main).not.toHaveAttribute('inert');

    const nav = screen.getByRole('navigation', { name: 'Main' });
    await app.user.click(within(nav).getByRole('link', { name: 'Import' }));
    expect(await screen.findByRole('progressbar', { name: 'Loading the screen' })).toBeInTheDocument();
    expect(main).toHaveAttribute('aria-busy', 'true');
    expect(main).toHaveAttribute('inert');
    expect(within(nav).getByRole('link', { name: 'Import' })).toHaveClass('motion-safe:animate-pulse');
    // Still the old screen, and still its URL.
    expect(app.location().pathname).toBe('/resources');
    expect(screen.getByRole('checkbox', { name: 'Select Sales dashboard 00001' })).toBeInTheDocument();

    importCode.arrive();
    await waitFor(() => expect(app.location().pathname).toBe('/import'));
    expect(await screen.findByRole('heading', { level: 1, name: /import/i })).toBeInTheDocument();
    expect(screen.queryByRole('progressbar', { name: 'Loading the screen' })).toBeNull();
    expect(screen.getByRole('main')).not.toHaveAttribute('inert');
    expect(screen.getByRole('main')).not.toHaveAttribute('aria-busy');
  });
});
