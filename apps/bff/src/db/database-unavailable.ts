/**
 * The database could not be reached, or dropped the connection mid-query. The request is
 * answered 503 (`service_unavailable`): a retry once the database is back will do.
 */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The database is unavailable', { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/** Socket errors, and PostgreSQL's connection-exception (08…) and shutdown (57P0…) classes. */
const transientCodes = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|08\w{3}|57P0[1-3]|53300)$/;
const transientMessages =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused/i;

export function isConnectionFailure(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  return (typeof code === 'string' && transientCodes.test(code)) || transientMessages.test(e.message);
}
