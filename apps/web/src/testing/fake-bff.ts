import {
  csrfHeader,
  type ActivityEntry,
  type AssetJobResult,
  type PermissionsRecord,
  type ResourceSummary,
  type Role,
  type Session,
  type WorkflowSummary,
} from '@portico/api-types';
import { vi } from 'vitest';
import {
  demoAccount,
  seedActivity,
  seedPermissions,
  seedResources,
  seedWorkflows,
  seedWorkspaces,
} from './fake-bff-data';
import { routeRequest } from './fake-bff-routes';
import { createFakeXhrClass } from './fake-xhr';
import { bffError } from './responses';

export interface FakeRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** Parsed JSON for JSON bodies, the FormData for uploads. */
  body: unknown;
  signal?: AbortSignal | null;
}

type Handler = (req: FakeRequest) => Response | Promise<Response>;

/**
 * An in-memory BFF that answers the contract's routes, validating requests with the contract's
 * schemas, so component tests read as user journeys instead of per-test fetch mocks.
 */
export class FakeBff {
  session: Session | undefined;
  roles: Role[] = ['operator'];
  workspaces = seedWorkspaces;
  resources: ResourceSummary[];
  permissions = new Map<string, PermissionsRecord>();
  workflows: WorkflowSummary[];
  jobs = new Map<string, AssetJobResult>();
  /** How many polls a new import job stays RUNNING, and how it ends. */
  jobPlan: { pollsUntilDone: number; outcome: 'SUCCEEDED' | 'FAILED' } = { pollsUntilDone: 1, outcome: 'SUCCEEDED' };
  activity: ActivityEntry[] = seedActivity();
  requests: FakeRequest[] = [];
  /** Upload progress steps, and a gate that holds the upload until it resolves. */
  upload: { steps: number; gate?: Promise<void> } = { steps: 4 };
  private overrides: { method: string; path: string; handler: Handler; once: boolean }[] = [];

  constructor(opts: { resourceCount?: number; workflowCount?: number; signedIn?: boolean; roles?: Role[] } = {}) {
    this.resources = seedResources(opts.resourceCount ?? 120);
    this.workflows = seedWorkflows(opts.workflowCount);
    if (opts.roles) this.roles = opts.roles;
    if (opts.signedIn !== false) this.signIn();
  }

  signIn(): Session {
    this.session = {
      user: { id: 'u-1', name: demoAccount.username, domain: demoAccount.domain },
      roles: this.roles,
      project_id: 'p-1',
      expires_at: '2099-01-01T00:00:00.000Z',
      csrf_token: 'csrf-test-token',
    };
    return this.session;
  }

  /** Answer `method path` with `handler` instead (once by default), e.g. to inject a failure. */
  override(method: string, path: string, handler: Handler, opts: { once?: boolean } = {}): void {
    this.overrides.push({ method, path, handler, once: opts.once ?? true });
  }

  permissionsOf(type: string, id: string): PermissionsRecord {
    const key = `${type}/${id}`;
    const found = this.permissions.get(key) ?? seedPermissions(type as PermissionsRecord['resource_type'], id);
    this.permissions.set(key, found);
    return found;
  }

  requestsTo(method: string, path: string): FakeRequest[] {
    return this.requests.filter((r) => r.method === method && r.url.pathname === path);
  }

  async handle(req: FakeRequest): Promise<Response> {
    this.requests.push(req);
    const i = this.overrides.findIndex((o) => o.method === req.method && o.path === req.url.pathname);
    const override = this.overrides[i];
    if (override) {
      if (override.once) this.overrides.splice(i, 1);
      return override.handler(req);
    }
    const isSessionRoute = req.url.pathname === '/api/session';
    if (!isSessionRoute || req.method === 'DELETE') {
      if (!this.session) return bffError(401, 'unauthenticated', 'Sign in first.');
      if (req.method !== 'GET' && req.headers.get(csrfHeader) !== this.session.csrf_token) {
        return bffError(403, 'csrf_failed', 'Missing or wrong CSRF token.');
      }
    }
    return routeRequest(this, req);
  }

  /** Route the app's `fetch` and `XMLHttpRequest` here for the current test. */
  install(): void {
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(
        typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
        'http://localhost',
      );
      const signal = init.signal;
      if (signal?.aborted) throw new DOMException('Aborted', 'AbortError');
      const text = typeof init.body === 'string' ? init.body : undefined;
      return this.handle({
        method: (init.method ?? 'GET').toUpperCase(),
        url,
        headers: new Headers(init.headers),
        body: text ? JSON.parse(text) : init.body,
        signal,
      });
    });
    vi.stubGlobal('XMLHttpRequest', createFakeXhrClass(this));
  }
}

export function installFakeBff(opts?: ConstructorParameters<typeof FakeBff>[0]): FakeBff {
  const fake = new FakeBff(opts);
  fake.install();
  return fake;
}
