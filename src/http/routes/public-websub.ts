import type { MiddlewareHandler } from 'hono';
import { feedsOfItem, pingHub } from '../../publish/websub.js';
import type { AppDeps } from '../types.js';

/**
 * After a successful approval or unpublish (PUT/DELETE /api/v1/items/:id/approval), tells the WebSub hub which
 * feeds changed. Fire-and-forget: the response never waits for, nor fails because of, the hub.
 */
export function websubOnApproval(deps: AppDeps, post: typeof fetch = fetch): MiddlewareHandler {
  const hub = deps.config.env.WEBSUB_HUB;
  return async function websub(c, next) {
    await next();
    if (!hub || (c.req.method !== 'PUT' && c.req.method !== 'DELETE') || c.res.status !== 200) return;
    const itemId = Number(c.req.param('id'));
    if (!Number.isSafeInteger(itemId)) return;
    try {
      const urls = feedsOfItem(deps.sqlite, deps.config.publicUrl, itemId);
      if (urls.length) void pingHub({ hub, post, log: deps.log }, urls);
    } catch (err) {
      deps.log.warn({ err, itemId }, 'websub: could not list the feeds to ping');
    }
  };
}
