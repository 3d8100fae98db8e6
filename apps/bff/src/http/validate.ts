import type { z } from 'zod';
import { HttpError } from './http-error';

/** Parses input with a contract schema; the 400 names the first offending field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, where: string): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : where;
  throw new HttpError(400, 'validation_failed', `${field}: ${issue?.message ?? 'invalid'}`, field);
}
