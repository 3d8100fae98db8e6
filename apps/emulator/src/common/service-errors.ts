/**
 * Which emulated service owns a path, and that service's error body. The core answers some
 * errors itself (malformed JSON, injected faults) and must do so in the owner's shape, as the
 * provider's services each have their own.
 */
export type ServiceName = 'iam' | 'insight' | 'secmaster' | 'roma';

export function serviceOfPath(path: string): ServiceName | null {
  if (path.startsWith('/v3/')) return 'iam';
  if (path.startsWith('/v2/')) return 'roma';
  if (/^\/v1\/[^/]+\/workspaces\/[^/]+\/soc(\/|$)/.test(path)) return 'secmaster';
  if (path.startsWith('/v1/')) return 'insight';
  return null;
}

export type CoreErrorKind = 'invalid' | 'throttled' | 'unavailable' | 'internal';

const codes: Record<ServiceName, Record<CoreErrorKind, string>> = {
  iam: { invalid: '400', throttled: '429', unavailable: '503', internal: '500' },
  insight: { invalid: '24010001', throttled: '24010429', unavailable: '24010503', internal: '24010500' },
  secmaster: {
    invalid: 'SecMaster.20010001',
    throttled: 'SecMaster.20010429',
    unavailable: 'SecMaster.20010503',
    internal: 'SecMaster.20010500',
  },
  roma: { invalid: 'ROMA.13000', throttled: 'ROMA.00000429', unavailable: 'ROMA.00000503', internal: 'ROMA.00000500' },
};

/** The body a service answers an error with, in its own shape. */
export function serviceErrorBody(
  service: ServiceName,
  kind: CoreErrorKind,
  status: number,
  message: string,
  requestId: string,
): Record<string, unknown> {
  const code = codes[service][kind];
  switch (service) {
    case 'iam':
      return { error: { code: status, message, title: kind === 'invalid' ? 'Bad Request' : 'Error' } };
    case 'insight':
      return { error_code: code, error_msg: message };
    case 'secmaster':
      return { code, message };
    case 'roma':
      return { error_code: code, error_msg: message, error_details: message, request_id: requestId };
  }
}
