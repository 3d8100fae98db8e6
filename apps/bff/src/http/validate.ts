import type { z } from 'zod';
import { HttpError } from './http-error';

/**
 * Parses input with a contract schema; the 400 names the first offending field. A NUL character
 * anywhere in the input is refused too: no field of the contract means one, and PostgreSQL's
 * text and jsonb cannot hold it (a policy, an audit's workspace or a failed sign-in's key with
 * one failed as a 500 at the database).
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown, where: string): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) {
    const nul = nulPath(r.data);
    if (nul) {
      const field = fieldAt(nul, where);
      throw new HttpError(400, 'validation_failed', `${field}: must not contain a NUL character`, field);
    }
    return r.data;
  }
  const issue = r.error.issues[0];
  const field = fieldAt(issue?.path ?? [], where);
  throw new HttpError(400, 'validation_failed', `${field}: ${issue?.message ?? 'invalid'}`, field);
}

/** A path as the 400 names it (`rules.0.owners`); the input as a whole is `where` (`body`, `query`). */
const fieldAt = (path: readonly PropertyKey[], where: string) => (path.length > 0 ? path.map(String).join('.') : where);

/** Where the first string (a value or a key) holding a NUL is, or undefined; built on the way back. */
function nulPath(value: unknown): (string | number)[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? [] : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const path = nulPath(value[i]);
      if (path) return [i, ...path];
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return [key];
      const path = nulPath(item);
      if (path) return [key, ...path];
    }
  }
  return undefined;
}
