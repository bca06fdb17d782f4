import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../types.js';
import { accountPageRoutes } from './account-pages.js';
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
import { channelRoutes } from './channels.js';
import { topicRoutes } from './topics.js';
import { userRoutes } from './users.js';

/** Accounts, memberships and curation, mounted by createApp in one line. */
export function curationRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  for (const sub of [authRoutes, invitationRoutes, userRoutes, tokenRoutes, channelRoutes, topicRoutes, tagRoutes, flagRoutes, annotationRoutes, approvalRoutes, markRoutes, auditRoutes, savedSearchRoutes, manageSourceRoutes]) {
    app.route('/', sub(deps));
  }
  app.route('/', accountPageRoutes(deps));
  return app;
}
