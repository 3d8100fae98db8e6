/**
 * For TanStack's `getNextPageParam` over the BFF's paged answers (`{total, offset, items}`): the
 * offset of the page after `last`, or undefined once `last` reached the end (or came back empty).
 */
export function nextPageOffset(last: { total: number; offset: number; items: readonly unknown[] }): number | undefined {
  const next = last.offset + last.items.length;
  return last.items.length > 0 && next < last.total ? next : undefined;
}
