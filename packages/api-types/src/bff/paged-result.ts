import { z } from 'zod';

/** One page of a BFF list: `items` from `offset`, at most `limit` of them, `total` in all. */
export const pagedResultSchema = <Item extends z.ZodType>(item: Item) =>
  z.object({
    total: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
    items: z.array(item),
  });
