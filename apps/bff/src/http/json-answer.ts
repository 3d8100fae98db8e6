import type { Express, Response } from 'express';

const jsonType = 'application/json; charset=utf-8';

/**
 * `res.json` as the BFF uses it: the body `JSON.stringify` makes, `Content-Type:
 * application/json; charset=utf-8` (unless one is set already) and its `Content-Length`, the same
 * bytes and headers Express writes. Express's own goes through `res.send`, which reads three app
 * settings the BFF never sets (`json replacer`, `json spaces`, `json escape`), parses and
 * re-formats the content type to add the charset, and checks the request's freshness for a 304
 * although an API answer carries no ETag or Last-Modified to be fresh against (`etag` is off).
 * On a proxied read that was about 2 % of the BFF's instructions (callgrind; docs/performance.md).
 *
 * Node leaves out the body of an answer to `HEAD` itself; a 204 or 304 goes without body or body
 * headers, as Express sends them. An answer whose content type was set before (Express adds the
 * charset to it) goes through Express's own.
 */
export function answerJsonLean(app: Express): void {
  const expressJson = app.response.json;
  app.response.json = function json(this: Response, body?: unknown): Response {
    if (this.hasHeader('content-type')) return expressJson.call(this, body);
    if (this.statusCode === 204 || this.statusCode === 304) {
      this.removeHeader('content-type');
      this.removeHeader('content-length');
      this.removeHeader('transfer-encoding');
      this.end();
      return this;
    }
    const text = JSON.stringify(body) as string | undefined;
    this.setHeader('content-type', jsonType);
    // `JSON.stringify(undefined)` is `undefined`: no body and no length, as Express sends it.
    if (text === undefined) {
      this.end();
      return this;
    }
    this.setHeader('content-length', Buffer.byteLength(text));
    this.end(text);
    return this;
  } as Response['json'];
}
