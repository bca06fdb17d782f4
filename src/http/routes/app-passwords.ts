import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { createAppPassword, listAppPasswords, revokeOwnAppPassword, type AppPasswordRow } from '../../accounts/app-passwords.js';
import { writeAudit } from '../../curation/audit.js';
import { forbidden, intParam, permit, signedIn } from '../middleware/permit.js';
import { createLimiter, rateLimit } from '../middleware/rate-limit.js';
import type { AppDeps, AppEnv } from '../types.js';
import { IdParam, jsonBody, ok, refusals } from './curation-schemas.js';

const AppPasswordSchema = z
  .object({ id: z.number(), name: z.string(), scope: z.enum(['read', 'curate']), createdAt: z.string(), lastUsedAt: z.string().nullable() })
  .openapi('AppPassword');

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
export const appPasswordJson = (p: AppPasswordRow) => ({ id: p.id, name: p.name, scope: p.scope, createdAt: iso(p.createdAt)!, lastUsedAt: iso(p.lastUsedAt) });

/** App passwords for reader apps (Google Reader and Fever APIs): shown once, hashed at rest, revocable. */
export function appPasswordRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const creations = createLimiter({ max: 20, windowMs: 60 * 60_000, clock: deps.clock });
  const now = () => deps.clock.now();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/app-passwords',
      summary: 'Create an app password for a reader app (read or curate scope); the password appears only in this answer',
      middleware: [
        permit((c, user) => signedIn(true)(c, user) ?? (user!.via === 'token' ? forbidden('app passwords are created from a signed-in session (or `vigie app-password create`)') : null)),
        rateLimit(creations, (c) => `app-passwords:${c.get('user')!.id}`),
      ] as const,
      request: jsonBody(z.object({ name: z.string().trim().min(1).max(100), scope: z.enum(['read', 'curate']).default('read') }).strict()),
      responses: { 201: ok(z.object({ appPassword: AppPasswordSchema, password: z.string() }), 'created'), ...refusals, 429: { description: 'too many created' } },
    }),
    (c) => {
      const b = c.req.valid('json');
      const user = c.get('user')!;
      const made = createAppPassword(deps.sqlite, user, { name: b.name, scope: b.scope }, now());
      writeAudit(deps.sqlite, user, { action: 'app_password.create', targetType: 'app_password', targetId: made.appPassword.id, detail: { name: b.name, scope: b.scope } }, now());
      return c.json({ appPassword: appPasswordJson(made.appPassword), password: made.password }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/app-passwords',
      summary: 'Your app passwords (never the passwords)',
      middleware: [permit(signedIn())] as const,
      responses: { 200: ok(z.object({ appPasswords: z.array(AppPasswordSchema) })), 401: refusals[401] },
    }),
    (c) => c.json({ appPasswords: listAppPasswords(deps.sqlite, c.get('user')!.id).map(appPasswordJson) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/app-passwords/{id}',
      summary: 'Revoke one of your app passwords: apps using it are signed out',
      middleware: [permit(signedIn(true))] as const,
      request: { params: IdParam },
      responses: { 200: ok(z.object({ revoked: z.boolean() })), ...refusals },
    }),
    (c) => {
      const user = c.get('user')!;
      const revoked = revokeOwnAppPassword(deps.sqlite, user.id, intParam(c)!, now());
      if (revoked) writeAudit(deps.sqlite, user, { action: 'app_password.revoke', targetType: 'app_password', targetId: intParam(c)! }, now());
      return c.json({ revoked }, 200);
    },
  );
  return app;
}
