/**
 * What an upstream call reads of its cancellation: the part of `AbortSignal` it uses, so an
 * `AbortSignal` (an audit's, say) can be passed as one. A browser request's own is lighter
 * (`abortOnClose`): Node builds every `AbortSignal` by re-parenting an `EventTarget`
 * (`Object.setPrototypeOf`), and V8 then keeps it, with all it reaches (the request's upstream
 * call and its listeners), through young-generation collections: one per proxied read was most
 * of what such a read still promoted to the old generation.
 */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
