/**
 * `UPSTREAM_TIMEOUT_MS`'s default. The same bound applies twice to every upstream call: to its
 * headers (`sendUpstream`) and then to each silence between the bytes of its body (see
 * `upstream-body.ts` and `http/stream-download.ts`), so a reply that stalls after its headers
 * ends as a 504 or a cut download, never as a request hung for ever.
 */
export const defaultUpstreamTimeoutMs = 30_000;
