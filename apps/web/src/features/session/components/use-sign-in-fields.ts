import { signInRequestSchema, type SignInRequest } from '@portico/api-types';
import { useState, type ChangeEvent, type FormEvent } from 'react';

export type SignInField = keyof SignInRequest;
const fields: readonly SignInField[] = ['domain', 'username', 'password'];

function check(form: HTMLFormElement) {
  const data = new FormData(form);
  const parsed = signInRequestSchema.safeParse(Object.fromEntries(fields.map((f) => [f, String(data.get(f) ?? '')])));
  const invalid = new Set<SignInField>(parsed.success ? [] : parsed.error.issues.map((i) => i.path[0] as SignInField));
  return { parsed, invalid };
}

/**
 * The sign-in form's checks, with the contract's schema, as `useZodForm` does them: on submit
 * (focusing the first wrong field), then again on each change. The first screen cannot afford
 * react-hook-form's weight for three text fields (docs/decisions: initial JavaScript budget).
 */
export function useSignInFields(onValid: (values: SignInRequest) => void) {
  const [invalid, setInvalid] = useState<ReadonlySet<SignInField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSubmitted(true);
    const { parsed, invalid: now } = check(e.currentTarget);
    setInvalid(now);
    if (parsed.success) return onValid(parsed.data);
    const first = fields.find((f) => now.has(f));
    if (first) (e.currentTarget.elements.namedItem(first) as HTMLInputElement | null)?.focus();
  };
  // Like react-hook-form's re-validation: a change re-checks only the field that changed.
  const onChange = (e: ChangeEvent<HTMLFormElement>) => {
    const name = (e.target as Partial<HTMLInputElement>).name as SignInField | undefined;
    if (!submitted || !name || !fields.includes(name)) return;
    const bad = check(e.currentTarget).invalid.has(name);
    setInvalid((prev) => {
      if (prev.has(name) === bad) return prev;
      const next = new Set(prev);
      if (bad) next.add(name);
      else next.delete(name);
      return next;
    });
  };
  return { invalid, onSubmit, onChange };
}
