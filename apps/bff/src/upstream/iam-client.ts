import {
  iamSubjectTokenHeader,
  iamTokenResponseSchema,
  upstreamPaths,
  type IamTokenRequest,
  type IamTokenResponse,
} from '@portico/api-types/upstream';
import type { UpstreamConfig } from '../config/upstream-config';
import { UpstreamError } from './upstream-error';
import { readJsonAnswer } from './upstream-body';
import { sendUpstream, serviceRequests } from './upstream-request';
import type { CancelSignal } from './cancel-signal';

export interface IssuedToken {
  token: string;
  body: IamTokenResponse['token'];
}

/** Password sign-in scoped to the configured project. */
export function createIamClient(cfg: UpstreamConfig) {
  const request = serviceRequests('iam', cfg.iam, cfg.timeoutMs, cfg.secureContext);
  return {
    async issueToken(domain: string, username: string, password: string, signal?: CancelSignal): Promise<IssuedToken> {
      const body: IamTokenRequest = {
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: username, password, domain: { name: domain } } },
          },
          scope: { project: { id: cfg.projectId } },
        },
      };
      const res = await sendUpstream(
        request(
          'POST',
          upstreamPaths.iam.tokens(),
          { 'content-type': 'application/json;charset=utf8', accept: 'application/json' },
          {
            body: JSON.stringify(body),
            signal,
          },
        ),
      );
      const token = res.headers[iamSubjectTokenHeader];
      const parsed = await readJsonAnswer(res, 'iam', { idleMs: cfg.timeoutMs });
      const r = iamTokenResponseSchema.safeParse(parsed);
      // A session ends when its token does: an expiry that is no date is a reply outside the spec.
      if (typeof token !== 'string' || !token || !r.success || Number.isNaN(Date.parse(r.data.token.expires_at))) {
        throw new UpstreamError('contract', res.statusCode, 'iam', 'contract', 'token reply outside the spec');
      }
      return { token, body: r.data.token };
    },
  };
}
export type IamClient = ReturnType<typeof createIamClient>;
