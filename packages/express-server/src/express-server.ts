import http from 'node:http';
import type { Express } from 'express';

/**
 * An HTTP server for an Express app whose requests and responses are born with the app's
 * prototypes (`app.request`, `app.response`), instead of `http.createServer(app)`.
 *
 * Express re-parents every request and response it is handed (`Object.setPrototypeOf` in
 * `app.handle`). V8 then keeps about a fifth of everything a request allocates through the
 * young-generation collections and copies it to the old generation: collections every few hundred
 * milliseconds of several milliseconds each, and frequent full ones, which is what a proxied
 * request's p99 paid (docs/decisions/0009). Created here as instances of subclasses whose
 * prototype is the app's, they already have the prototype Express sets, and V8 skips a prototype
 * change to the same one. `app.request` and `app.response` become those subclasses' prototypes
 * (which inherit the app's own), so everything Express and the app put on them stays where it was.
 *
 * Call once per app; `options` are `http.createServer`'s (its `highWaterMark`, say).
 */
export function createExpressServer(app: Express, options: http.ServerOptions = {}): http.Server {
  class Request extends http.IncomingMessage {}
  class Response extends http.ServerResponse {}
  Object.setPrototypeOf(Request.prototype, app.request);
  Object.setPrototypeOf(Response.prototype, app.response);
  app.request = Request.prototype as unknown as Express['request'];
  app.response = Response.prototype as unknown as Express['response'];
  return http.createServer(
    {
      ...options,
      IncomingMessage: Request,
      ServerResponse: Response as unknown as typeof http.ServerResponse,
    },
    app,
  );
}
