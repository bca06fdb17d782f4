import { OpenAPIHono } from '@hono/zod-openapi';
import type { PasswordGuard } from '../middleware/password-guard.js';
import type { AppDeps, AppEnv } from '../types.js';
import { annotationRoutes } from './annotations.js';
import { approvalRoutes } from './approvals.js';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { flagRoutes } from './flags.js';
import { invitationRoutes } from './invitations.js';
import { manageSourceRoutes } from './manage-sources.js';
import { markRoutes } from './marks.js';
import { savedSearchRoutes } from './saved-searches.js';
import { tagRoutes } from './tags.js';
import { tokenRoutes } from './tokens.js';
import { appPasswordRoutes } from './app-passwords.js';
import { channelRoutes } from './channels.js';
import { topicRoutes } from './topics.js';
import { userRoutes } from './users.js';

/** Accounts, memberships and curation, mounted by createApp in one line. */
export function curationRoutes(deps: AppDeps, guard: PasswordGuard) {
  const app = new OpenAPIHono<AppEnv>();
  for (const sub of [authRoutes, invitationRoutes, userRoutes, tokenRoutes, appPasswordRoutes, channelRoutes, topicRoutes, tagRoutes, flagRoutes, annotationRoutes, approvalRoutes, markRoutes, auditRoutes, savedSearchRoutes, manageSourceRoutes]) {
    app.route('/', sub(deps, guard));
  }
  return app;
}
