import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoAccount } from '../../../testing/fake-bff-data';
import { installFakeBff } from '../../../testing/fake-bff';
import { renderApp } from '../../../testing/render-app';
import { bffError } from '../../../testing/responses';

afterEach(() => vi.unstubAllGlobals());

async function fillAndSubmit(user: ReturnType<typeof renderApp>['user'], password = demoAccount.password) {
  await user.type(await screen.findByLabelText('Account (domain)'), demoAccount.domain);
  await user.type(screen.getByLabelText('User name'), demoAccount.username);
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('sign in', () => {
  it('sends a visitor without a session to sign in, then on to where they were going', async () => {
    const fake = installFakeBff({ signedIn: false });
    const app = renderApp('/activity');
    await fillAndSubmit(app.user);
    await waitFor(() => expect(app.location().pathname).toBe('/activity'));
    expect(await screen.findByText(/Signed in as operator/)).toBeInTheDocument();
    expect(fake.requestsTo('POST', '/api/session')[0]?.body).toEqual({
      domain: 'demo',
      username: 'operator',
      password: 'portico-demo',
    });
  });

  it('says plainly when the password is wrong, with the request id', async () => {
    installFakeBff({ signedIn: false });
    const app = renderApp('/sign-in');
    await fillAndSubmit(app.user, 'nope');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The account, user name or password is wrong.');
    expect(alert).toHaveTextContent(/req-\d+/);
  });

  it('tells a locked-out user, an IAM outage and Portico itself unavailable apart', async () => {
    const fake = installFakeBff({ signedIn: false });
    fake.override('POST', '/api/session', () => bffError(429, 'rate_limited', 'Too many attempts'));
    const app = renderApp('/sign-in');
    await fillAndSubmit(app.user);
    expect(await screen.findByRole('alert')).toHaveTextContent('Sign-in is locked for a while');
    // The BFF's Retry-After says how long: in minutes, rounded up.
    fake.override('POST', '/api/session', () =>
      bffError(429, 'rate_limited', 'Too many attempts', {}, { 'retry-after': '61' }),
    );
    await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/Sign-in is locked; try again in 2 minutes\./)).toBeInTheDocument();
    fake.override('POST', '/api/session', () =>
      bffError(429, 'rate_limited', 'Too many attempts', {}, { 'retry-after': '20' }),
    );
    await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/Sign-in is locked; try again in 1 minute\./)).toBeInTheDocument();
    fake.override('POST', '/api/session', () => bffError(502, 'upstream_unreachable', 'IAM unreachable'));
    await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/identity service \(IAM\) cannot be reached/)).toBeInTheDocument();
    // The BFF's database away: the user's account is not the problem.
    fake.override('POST', '/api/session', () =>
      bffError(503, 'service_unavailable', 'Portico is briefly unavailable', {}, { 'retry-after': '5' }),
    );
    await app.user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/Portico is briefly unavailable, not your account/)).toBeInTheDocument();
  });

  it('checks the fields with the contract before sending anything', async () => {
    const fake = installFakeBff({ signedIn: false });
    const app = renderApp('/sign-in');
    await app.user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter the account (domain) name')).toBeInTheDocument();
    expect(fake.requestsTo('POST', '/api/session')).toHaveLength(0);
  });
});

describe('session expiry', () => {
  it('sends the user to sign in from anywhere and back to the same URL after', async () => {
    const fake = installFakeBff();
    const app = renderApp('/activity?ws=ws-default&operation=workflows.export');
    expect(await screen.findByText('bob')).toBeInTheDocument();
    fake.session = undefined;
    fake.override('GET', '/api/activity', () => bffError(401, 'session_expired', 'Session expired'));
    await app.user.selectOptions(screen.getByLabelText('Outcome'), 'failure');
    await app.user.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(app.location().pathname + app.location().search).toMatch(/^\/sign-in\?expired=1/));
    expect(await screen.findByText(/Your session has ended/)).toBeInTheDocument();
    expect(app.location().pathname).toBe('/sign-in');
    await fillAndSubmit(app.user);
    await waitFor(() => expect(app.location().pathname).toBe('/activity'));
    expect(app.searchParams().get('operation')).toBe('workflows.export');
    expect(app.searchParams().get('outcome')).toBe('failure');
  });

  it('says the session ended when the app is opened with a cookie whose session has ended', async () => {
    const fake = installFakeBff({ signedIn: false });
    fake.override('GET', '/api/session', () =>
      bffError(401, 'session_expired', 'Your session has ended; sign in again'),
    );
    const app = renderApp('/export?ws=ws-default');
    expect(await screen.findByText(/Your session has ended/)).toBeInTheDocument();
    expect(app.searchParams().get('next')).toBe('/export?ws=ws-default');
  });

  it('does not claim a session ended for a visitor who never had one', async () => {
    installFakeBff({ signedIn: false });
    const app = renderApp('/export');
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(app.location().pathname).toBe('/sign-in');
    expect(app.searchParams().get('expired')).toBeNull();
    expect(screen.queryByText(/Your session has ended/)).not.toBeInTheDocument();
  });
});
