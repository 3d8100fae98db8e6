import { z } from 'zod';

export const roles = ['admin', 'operator', 'auditor'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/**
 * An account or user name: no control characters (no name typed into a sign-in form holds one,
 * and a NUL could not even be kept as a failed sign-in's key in PostgreSQL's text).
 */
const signInName = (missing: string) =>
  z
    .string()
    .trim()
    .min(1, missing)
    .max(64)
    .regex(/^\P{Cc}*$/u, 'Must not contain control characters');

/** `POST /api/session`. */
export const signInRequestSchema = z.object({
  domain: signInName('Enter the account (domain) name'),
  username: signInName('Enter the user name'),
  password: z.string().min(1, 'Enter the password').max(256),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const sessionUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  domain: z.string(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** `POST /api/session` and `GET /api/session` answer this; never a token. */
export const sessionSchema = z.object({
  user: sessionUserSchema,
  roles: z.array(roleSchema).min(1),
  project_id: z.string(),
  expires_at: z.string(),
  csrf_token: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

/** What each role may do; the BFF enforces it, the web app only mirrors it. */
export const capabilities = {
  useOperations: ['admin', 'operator'],
  readPermissions: ['admin', 'operator', 'auditor'],
  editPermissions: ['admin', 'operator'],
  runAudits: ['admin', 'auditor'],
  fixAudits: ['admin'],
  managePolicy: ['admin'],
  readActivity: ['admin', 'operator', 'auditor'],
} as const satisfies Record<string, readonly Role[]>;
export type Capability = keyof typeof capabilities;

export function can(userRoles: readonly Role[], capability: Capability): boolean {
  const allowed: readonly Role[] = capabilities[capability];
  return userRoles.some((r) => allowed.includes(r));
}
