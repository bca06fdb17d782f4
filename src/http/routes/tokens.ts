import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { createApiToken, listTokens, revokeToken, tokenJson, tokenOwner } from '../../accounts/tokens.js';
import { writeAudit } from '../../curation/audit.js';
import { isAdmin } from '../../curation/permissions.js';
import { HttpError } from '../errors.js';
import { forbidden, intParam, permit, signedIn } from '../middleware/permit.js';
import { createLimiter, rateLimit } from '../middleware/rate-limit.js';
import type { AppDeps, AppEnv } from '../types.js';
import { IdParam, jsonBody, ok, refusals } from './curation-schemas.js';

const TokenSchema = z
  .object({ id: z.number(), name: z.string(), prefix: z.string(), scope: z.enum(['read', 'curate']), createdAt: z.string(), expiresAt: z.string().nullable(), lastUsedAt: z.string().nullable(), revoked: z.boolean() })
  .openapi('ApiToken');

/** Personal API tokens: the secret is shown once at creation; only its hash is stored. */
export function tokenRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const creations = createLimiter({ max: 20, windowMs: 60 * 60_000, clock: deps.clock });
  const now = () => deps.clock.now();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/tokens',
      summary: 'Create an API token (read or curate scope); the secret appears only in this answer',
      middleware: [
        permit((c, user) => signedIn(true)(c, user) ?? (user!.via === 'token' ? forbidden('tokens are created from a signed-in session (or `vigie token create`)') : null)),
        rateLimit(creations, (c) => `tokens:${c.get('user')!.id}`),
      ] as const,
      request: jsonBody(z.object({ name: z.string().trim().min(1).max(100), scope: z.enum(['read', 'curate']).default('read'), expiresInDays: z.number().int().min(1).max(3650).optional() }).strict()),
      responses: { 201: ok(z.object({ token: TokenSchema, secret: z.string() }), 'token created'), ...refusals, 429: { description: 'too many tokens created' } },
    }),
    (c) => {
      const b = c.req.valid('json');
      const user = c.get('user')!;
      const made = createApiToken(deps.sqlite, user.id, { name: b.name, scope: b.scope, expiresAt: b.expiresInDays ? now() + b.expiresInDays * 86_400_000 : null }, now());
      writeAudit(deps.sqlite, user, { action: 'token.create', targetType: 'token', targetId: made.token.id, detail: { name: b.name, scope: b.scope } }, now());
      return c.json({ token: tokenJson(made.token), secret: made.secret }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/tokens',
      summary: 'Your API tokens (never their secrets)',
      middleware: [permit(signedIn())] as const,
      responses: { 200: ok(z.object({ tokens: z.array(TokenSchema) })), 401: refusals[401] },
    }),
    (c) => c.json({ tokens: listTokens(deps.sqlite, c.get('user')!.id).map(tokenJson) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/tokens/{id}',
      summary: 'Revoke a token (yours; admins any)',
      middleware: [permit(signedIn(true))] as const,
      request: { params: IdParam },
      responses: { 200: ok(z.object({ revoked: z.boolean() })), ...refusals },
    }),
    (c) => {
      const user = c.get('user')!;
      const id = intParam(c);
      const owner = id === null ? null : tokenOwner(deps.sqlite, id);
      if (owner === null || (owner !== user.id && !isAdmin(user))) throw new HttpError(404, 'not_found', 'no such token');
      const revoked = revokeToken(deps.sqlite, id!, now());
      if (revoked) writeAudit(deps.sqlite, user, { action: 'token.revoke', targetType: 'token', targetId: id }, now());
      return c.json({ revoked }, 200);
    },
  );
  return app;
}
