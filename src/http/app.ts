import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot, readPackageVersion } from '../lib/paths.js';
import { HttpError, sendError, validationError } from './errors.js';
import { authHook } from './middleware/auth.js';
import { csrf } from './middleware/csrf.js';
import { securityHeaders } from './middleware/headers.js';
import { createPasswordGuard } from './middleware/password-guard.js';
import { identity } from './middleware/session.js';
import { curationRoutes } from './routes/curation.js';
import { digestApiRoutes } from './routes/digests.js';
import { digestPageRoutes } from './routes/digests-pages.js';
import { healthRoutes } from './routes/health.js';
import { feverRoutes } from './routes/fever.js';
import { greaderRoutes } from './routes/greader.js';
import { itemRoutes } from './routes/items.js';
import { htmlNotFound, wantsHtml } from './routes/not-found.js';
import { searchRoutes } from './routes/search.js';
import { signalRoutes } from './routes/signals.js';
import { pageRoutes } from './routes/pages.js';
import { publicRoutes } from './routes/public.js';
import { websubOnApproval } from './routes/public-websub.js';
import { sourceRoutes } from './routes/sources.js';
import type { App, AppDeps, AppEnv } from './types.js';

/** Sign-in, invitation acceptance and password reset work without an account (and without public reading). */
const OPEN_PATHS = [/^\/api\/(greader|fever)(\/|$)/, /^\/api\/v1\/auth\/(login|signup|password-reset(\/[^/]+)?)$/, /^\/api\/v1\/invitations\/[^/]+(\/accept)?$/];

/** Builds the whole HTTP application over the deps; tests call `app.request()` on it. */
export function createApp(deps: AppDeps): App {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return validationError(c, result.error, `invalid ${result.target}`);
    },
  });
  // One throttle for every form that takes a password or a secret link, pages and API alike.
  const guard = createPasswordGuard(deps.clock);
  app.use(requestId());
  app.use(securityHeaders(deps.config.publicUrl));
  // The same body limit for the API and every page form (sign-in, invitation, reset …): nothing reads more.
  app.use(bodyLimit({ maxSize: 1024 * 1024, onError: (c) => sendError(c, 413, 'payload_too_large', 'the request body is larger than 1 MB') }));
  app.use('*', identity(deps));
  app.use('/api/*', authHook({ publicRead: deps.config.publicRead, openPaths: OPEN_PATHS }));
  app.use('/api/*', csrf());
  app.use('/api/v1/items/:id/approval', websubOnApproval(deps));

  app.route('/', healthRoutes(deps));
  app.route('/', greaderRoutes(deps, guard));
  app.route('/', feverRoutes(deps, guard));
  app.route('/', curationRoutes(deps, guard));
  app.route('/', sourceRoutes(deps));
  app.route('/', itemRoutes(deps));
  app.route('/', searchRoutes(deps));
  app.route('/', signalRoutes(deps));
  app.route('/', digestApiRoutes(deps));

  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Vigie API', version: readPackageVersion(), description: 'Self-hosted information watch: sources, items, search, curation.' },
    servers: [{ url: deps.config.publicUrl }],
  });

  app.route('/', publicRoutes(deps));
  app.route('/', digestPageRoutes(deps));
  app.route('/', pageRoutes(deps, app, guard));
  const favicon = readFileSync(join(packageRoot(), 'web', 'static', 'favicon.ico'));
  app.get('/favicon.ico', (c) => c.body(favicon, 200, { 'Content-Type': 'image/x-icon', 'Cache-Control': 'public, max-age=86400' }));

  app.notFound((c) => (wantsHtml(c) ? htmlNotFound(deps, c) : sendError(c, 404, 'not_found', `no route for ${c.req.method} ${c.req.path}`)));
  app.onError((err, c) => {
    if (err instanceof HttpError) return sendError(c, err.status, err.code, err.message, err.field);
    if (err instanceof HTTPException) return sendError(c, err.status as 400, 'http_error', err.message || 'request refused');
    deps.log.error({ err, path: c.req.path, requestId: c.get('requestId') }, 'unhandled error');
    return sendError(c, 500, 'internal', 'something went wrong on our side; the error was logged');
  });
  return app;
}
