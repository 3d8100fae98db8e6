/**
 * One page of an already sorted list: `desc` reads it backwards without copying; a name
 * search (case-insensitive substring) scans this one list only.
 */
export function pageOf<T extends { name: string }>(
  sorted: readonly T[],
  query: { name?: string | undefined; offset: number; limit: number; desc?: boolean },
): { count: number; items: T[] } {
  const needle = query.name?.trim().toLowerCase();
  const ordered = (i: number, list: readonly T[]) => list[query.desc ? list.length - 1 - i : i] as T;
  let list = sorted;
  if (needle) list = sorted.filter((r) => r.name.toLowerCase().includes(needle));
  const items: T[] = [];
  for (let i = query.offset; i < list.length && items.length < query.limit; i += 1) items.push(ordered(i, list));
  return { count: list.length, items };
}
