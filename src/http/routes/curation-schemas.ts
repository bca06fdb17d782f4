/** Request/response schemas shared by the accounts and curation routes (zod, documented in the OpenAPI). */
import { z } from '@hono/zod-openapi';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../accounts/passwords.js';
import { TAG_MAX } from '../../curation/tags.js';

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }) })
  .openapi('Error');

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

/** The refusals every protected route may answer, documented once. */
export const refusals = {
  400: err('invalid input (the field is named)'),
  401: err('not signed in, or an unknown/expired token'),
  403: err('signed in without the right role in this topic, read-scoped token, or missing CSRF token'),
  404: err('no such thing (or not visible to you)'),
} as const;

export const ok = <T extends z.ZodType>(schema: T, description = 'done') => ({ description, content: { 'application/json': { schema } } });
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email({ message: 'expected an e-mail address' }));
export const Password = z.string().min(PASSWORD_MIN, { message: `at least ${PASSWORD_MIN} characters` }).max(PASSWORD_MAX);
export const DisplayName = z.string().trim().min(1).max(100);
export const Role = z.enum(['admin', 'curator', 'member']);
export const TopicRole = z.enum(['curator', 'member']);
export const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'lower-case letters, digits and dashes' });
export const TagName = z.string().trim().min(1).max(TAG_MAX);

export const IdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: '42' }) });
export const SlugParam = z.object({ slug: z.string().openapi({ param: { name: 'slug', in: 'path' }, example: 'sante' }) });

export const UserSchema = z
  .object({
    id: z.number(),
    email: z.string(),
    displayName: z.string(),
    role: Role,
    memberships: z.array(z.object({ topic: z.string().nullable().openapi({ description: 'null = every topic' }), role: TopicRole })),
    createdAt: z.string(),
  })
  .openapi('User');

export const SessionSchema = z
  .object({ user: UserSchema, csrfToken: z.string().openapi({ description: 'send it back in X-CSRF-Token on cookie-authenticated writes' }) })
  .openapi('Session');

export const FlagSchema = z
  .object({
    id: z.number(),
    topic: z.string().nullable(),
    strength: z.number().int().min(1).max(3),
    rationale: z.string(),
    status: z.enum(['watching', 'confirmed', 'dismissed']),
    statusReason: z.string().nullable(),
    statusBy: z.string().nullable(),
    statusAt: z.string().nullable(),
    public: z.boolean(),
    author: z.string().nullable(),
    createdAt: z.string(),
    items: z.array(z.number()),
  })
  .openapi('Flag');

export const AnnotationSchema = z
  .object({
    id: z.number(),
    item: z.number(),
    body: z.string().openapi({ description: 'markdown as written' }),
    html: z.string().openapi({ description: 'sanitised rendering' }),
    visibility: z.enum(['topic', 'public']),
    author: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Annotation');

export const ApprovalSchema = z
  .object({ item: z.number(), topic: z.string().nullable(), note: z.string().nullable(), approvedBy: z.string().nullable(), approvedAt: z.string() })
  .openapi('Approval');

export const AuditEntrySchema = z
  .object({
    id: z.number(),
    action: z.string(),
    at: z.string(),
    actor: z.object({ id: z.number().nullable(), email: z.string().nullable(), name: z.string().nullable(), removed: z.boolean() }),
    item: z.number().nullable(),
    topic: z.string().nullable(),
    target: z.object({ type: z.string(), id: z.number().nullable() }).nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry');
