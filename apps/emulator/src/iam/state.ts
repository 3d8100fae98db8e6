import { z } from 'zod';

const roleSchema = z.object({ id: z.string(), name: z.string() });

export const iamUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  password: z.string(),
  enabled: z.boolean(),
  roles: z.array(roleSchema),
});
export type IamUser = z.infer<typeof iamUserSchema>;

export const issuedTokenSchema = z.object({
  userId: z.string(),
  projectId: z.string(),
  methods: z.array(z.string()),
  issuedAt: z.number(),
  expiresAt: z.number(),
});
export type IssuedToken = z.infer<typeof issuedTokenSchema>;

export const iamStateSchema = z.object({
  domain: z.object({ id: z.string(), name: z.string() }),
  projects: z.array(z.object({ id: z.string(), name: z.string() })),
  users: z.array(iamUserSchema),
  /** Keyed by the opaque token string. */
  tokens: z.record(z.string(), issuedTokenSchema),
});
export type IamState = z.infer<typeof iamStateSchema>;
