import { activityOperationSchema, activityOutcomeSchema } from '@portico/api-types';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ActivityFilters } from '../api/list-activity';

export const activityPageSize = 50;
export const filterNames = ['user', 'operation', 'resource', 'outcome', 'from', 'to'] as const;

/** Filters live in the URL; invalid values are dropped rather than sent. */
export function useActivityFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<ActivityFilters>(() => {
    const op = activityOperationSchema.safeParse(params.get('operation'));
    const outcome = activityOutcomeSchema.safeParse(params.get('outcome'));
    const offset = Number(params.get('offset') ?? 0);
    return {
      user: params.get('user') || undefined,
      resource: params.get('resource') || undefined,
      operation: op.success ? op.data : undefined,
      outcome: outcome.success ? outcome.data : undefined,
      from: params.get('from') || undefined,
      to: params.get('to') || undefined,
      offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
      limit: activityPageSize,
    };
  }, [params]);
  const apply = (next: Record<string, string | undefined>) =>
    setParams((p) => {
      for (const [k, v] of Object.entries(next)) {
        if (v) p.set(k, v);
        else p.delete(k);
      }
      return p;
    });
  return { filters, apply };
}
