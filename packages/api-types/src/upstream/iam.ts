import { z } from 'zod';

const named = z.looseObject({ id: z.string().optional(), name: z.string() });

/** `POST /v3/auth/tokens`, password method (optionally with TOTP), scoped to a project. */
export const iamTokenRequestSchema = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.enum(['password', 'totp'])).min(1),
      password: z.object({
        user: z.object({
          name: z.string().min(1),
          password: z.string().min(1),
          domain: z.object({ name: z.string().min(1) }),
        }),
      }),
      totp: z.object({ user: z.object({ id: z.string().min(1), passcode: z.string().min(1) }) }).optional(),
    }),
    scope: z.object({
      project: z.union([z.object({ id: z.string().min(1) }), z.object({ name: z.string().min(1) })]),
    }),
  }),
});
export type IamTokenRequest = z.infer<typeof iamTokenRequestSchema>;

export const iamRoleSchema = z.looseObject({ id: z.string(), name: z.string() });

/** 201 body; the token itself travels in the `X-Subject-Token` header, never in the body. */
export const iamTokenResponseSchema = z.object({
  token: z.looseObject({
    expires_at: z.string(),
    issued_at: z.string(),
    methods: z.array(z.string()),
    catalog: z.array(z.unknown()).optional(),
    roles: z.array(iamRoleSchema),
    project: z.looseObject({ id: z.string(), name: z.string(), domain: named }),
    user: z.looseObject({ id: z.string(), name: z.string(), domain: named }),
  }),
});
export type IamTokenResponse = z.infer<typeof iamTokenResponseSchema>;

export const iamSubjectTokenHeader = 'x-subject-token';
export const authTokenHeader = 'x-auth-token';

/** IAM's own error body (`{"error":{"code","message","title"}}`) on a refused sign-in. */
export const iamErrorSchema = z.looseObject({
  error: z.looseObject({ code: z.number().int(), message: z.string(), title: z.string().optional() }),
});
export type IamError = z.infer<typeof iamErrorSchema>;

/** `GET /v3/projects?name={region}`. */
export const iamProjectsResponseSchema = z.object({
  projects: z.array(z.looseObject({ id: z.string(), name: z.string(), domain_id: z.string(), enabled: z.boolean() })),
});
export type IamProjectsResponse = z.infer<typeof iamProjectsResponseSchema>;
