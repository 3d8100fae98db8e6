import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type FieldValues, type UseFormProps } from 'react-hook-form';
import type { z } from 'zod';

/** react-hook-form bound to a contract schema: the form checks exactly what the BFF checks. */
export function useZodForm<TIn extends FieldValues, TOut extends FieldValues>(
  schema: z.ZodType<TOut, TIn>,
  options: Omit<UseFormProps<TIn, unknown, TOut>, 'resolver'> = {},
) {
  return useForm<TIn, unknown, TOut>({ ...options, resolver: zodResolver(schema) });
}
