import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error';
import { validate } from './validate';

const schema = z.object({
  name: z.string(),
  rules: z.array(z.object({ owners: z.array(z.string()) })),
  labels: z.record(z.string(), z.string()).optional(),
});

const refusal = (input: unknown) => {
  try {
    validate(schema, input, 'body');
  } catch (e) {
    if (e instanceof HttpError) return { status: e.status, code: e.code, field: e.field, message: e.message };
    throw e;
  }
  return undefined;
};

describe('validate', () => {
  it('answers the parsed input', () => {
    expect(validate(schema, { name: 'a', rules: [{ owners: ['x'] }], extra: 1 }, 'body')).toEqual({
      name: 'a',
      rules: [{ owners: ['x'] }],
    });
  });

  it('names the first field the schema refuses', () => {
    expect(refusal({ name: 1, rules: [] })).toMatchObject({ status: 400, code: 'validation_failed', field: 'name' });
    expect(refusal(null)).toMatchObject({ status: 400, field: 'body' });
  });

  it('refuses a NUL character anywhere, naming where: a value deep in an array, a key, the input itself', () => {
    expect(refusal({ name: 'a', rules: [{ owners: ['x'] }, { owners: ['y', 'z\u0000'] }] })).toEqual({
      status: 400,
      code: 'validation_failed',
      field: 'rules.1.owners.1',
      message: 'rules.1.owners.1: must not contain a NUL character',
    });
    expect(refusal({ name: 'a', rules: [], labels: { 'k\u0000': 'v' } })).toMatchObject({ field: 'labels.k\u0000' });
    expect(refusal({ name: 'a', rules: [], labels: { k: '\u0000' } })).toMatchObject({ field: 'labels.k' });
    expect(() => validate(z.string(), '\u0000', 'query')).toThrow('query: must not contain a NUL character');
    // Other control characters are the schema's business.
    expect(refusal({ name: 'a\u0001', rules: [] })).toBeUndefined();
  });
});
