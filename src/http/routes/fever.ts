/**
 * The Fever API (as Miniflux and FreshRSS serve it) at /api/fever, for Reeder, ReadYou, Fluent Reader, Unread and
 * others: `POST ?api` with `api_key = md5(email:app password)`. Groups are the topics the member reads, feeds their
 * sources; items come 50 a page by `since_id` / `max_id` / `with_ids`; id lists are comma-separated strings. A failed
 * sign-in answers 200 with `auth: 0`, as Fever did. Everything goes through the one visibility rule (src/access).
 */
import { Hono, type Context } from 'hono';
import { canSeeSourceSecrets, redactUrl } from '../../access/index.js';
import { countStream, listStreamIds, listStreamRefs, type Stream } from '../../db/items/reader-streams.js';
import { markStreamRead } from '../../db/reading/stream-marks.js';
import { markItems, readableItems, type ReaderContext } from '../../reader/context.js';
import type { PasswordGuard } from '../middleware/password-guard.js';
import { createReaderGuard } from './reader-auth.js';
import type { AppDeps, AppEnv } from '../types.js';

const PAGE = 50;
const TOTAL_TTL_MS = 5_000;

export function feverRoutes(deps: AppDeps, passwords: PasswordGuard) {
  const app = new Hono<AppEnv>();
  const guard = createReaderGuard(deps, passwords);
  // A client pages through items 50 at a time, asking each time for the total: counting every readable item once per
  // page costs more than the page. The count is kept a few seconds per set of readable topics.
  const totals = new Map<string, { count: number; at: number }>();
  const totalItems = (ctx: ReaderContext): number => {
    const key = ctx.viewer.topics === 'all' ? 'all' : [...ctx.viewer.topics].sort((a, b) => a - b).join(',');
    const hit = totals.get(key);
    if (hit && ctx.now - hit.at < TOTAL_TTL_MS) return hit.count;
    if (totals.size > 1000) totals.clear();
    const count = countStream(ctx.sqlite, ctx.viewer, ctx.user.id, { include: { kind: 'all' } });
    totals.set(key, { count, at: ctx.now });
    return count;
  };

  const handler = async (c: Context) => {
    const url = new URL(c.req.url);
    const form = (c.req.header('content-type') ?? '').includes('form') ? await c.req.parseBody() : {};
    const get = (name: string): string | undefined => {
      const f = form[name];
      if (typeof f === 'string') return f;
      return url.searchParams.get(name) ?? undefined;
    };
    const has = (name: string) => url.searchParams.has(name) || name in form;
    const base = { api_version: 3, auth: 0 };
    const ctx = guard.fever(c, get('api_key') ?? '');
    if (ctx === 'throttled') {
      c.header('Retry-After', '900');
      return c.json(base, 429);
    }
    if (!ctx) return c.json(base);
    const out: Record<string, unknown> = { api_version: 3, auth: 1, last_refreshed_on_time: Math.floor(lastRefreshed(ctx) / 1000) };

    const mark = get('mark');
    if (mark) {
      const as = get('as');
      const id = Number(get('id'));
      const beforeSec = Number(get('before'));
      const before = Number.isFinite(beforeSec) && beforeSec > 0 ? beforeSec * 1000 + 1000 : null;
      if (mark === 'item' && Number.isInteger(id)) {
        if (as === 'read' || as === 'unread') markItems(ctx, [id], { read: as === 'read' });
        else if (as === 'saved' || as === 'unsaved') markItems(ctx, [id], { starred: as === 'saved' });
      } else if ((mark === 'feed' || mark === 'group') && as === 'read' && Number.isInteger(id)) {
        const stream = markTarget(ctx, mark, id);
        if (stream) markStreamRead(ctx.sqlite, ctx.viewer, ctx.user.id, stream, before, ctx.now);
      }
    }

    if (has('groups') || has('feeds')) out.feeds_groups = feedsGroups(ctx);
    if (has('groups')) out.groups = ctx.topics.map((t) => ({ id: t.id, title: t.name }));
    if (has('feeds')) {
      out.feeds = ctx.sources.map((s) => ({
        id: s.id,
        favicon_id: 0,
        title: s.title,
        url: (canSeeSourceSecrets(ctx.viewer, s.topicIds) ? s.url : redactUrl(s.url)) ?? '',
        site_url: s.siteUrl ?? '',
        is_spark: 0,
        last_updated_on_time: Math.floor((s.lastSuccessAt ?? s.createdAt) / 1000),
      }));
    }
    if (has('favicons')) out.favicons = [];
    if (has('items')) {
      const withIds = get('with_ids');
      let ids: number[];
      if (withIds !== undefined) {
        ids = withIds
          .split(',')
          .map((x) => Number(x.trim()))
          .filter((n) => Number.isInteger(n) && n > 0)
          .slice(0, PAGE);
      } else {
        const since = get('since_id');
        const max = get('max_id');
        const sinceId = since !== undefined && /^\d+$/.test(since) ? Number(since) : null;
        const maxId = max !== undefined && /^\d+$/.test(max) && Number(max) > 0 ? Number(max) : null;
        ids = listStreamRefs(ctx.sqlite, ctx.viewer, ctx.user.id, {
          include: { kind: 'all' },
          above: sinceId,
          below: maxId,
          // since_id walks forward from the oldest; max_id (and neither) walks back from the newest.
          oldestFirst: sinceId !== null,
          limit: PAGE,
        }).refs.map((r) => r.id);
      }
      out.items = readableItems(ctx, ids).map((i) => ({
        id: i.id,
        feed_id: i.sourceId,
        title: i.title ?? '',
        author: i.author ?? '',
        html: i.contentHtml ?? i.summary ?? '',
        url: i.url ?? '',
        is_saved: i.starred ? 1 : 0,
        is_read: i.read ? 1 : 0,
        created_on_time: Math.floor(i.publishedAt / 1000),
      }));
      out.total_items = totalItems(ctx);
    }
    if (has('links')) out.links = [];
    if (has('unread_item_ids')) out.unread_item_ids = listStreamIds(ctx.sqlite, ctx.viewer, ctx.user.id, { include: { kind: 'all' }, exclude: [{ kind: 'read' }] }).join(',');
    if (has('saved_item_ids')) out.saved_item_ids = listStreamIds(ctx.sqlite, ctx.viewer, ctx.user.id, { include: { kind: 'starred' } }).join(',');
    return c.json(out);
  };

  app.post('/api/fever', handler);
  app.post('/api/fever/', handler);
  app.get('/api/fever', handler);
  app.get('/api/fever/', handler);
  return app;
}

function markTarget(ctx: ReaderContext, mark: 'feed' | 'group', id: number): Stream | null {
  if (mark === 'feed') return ctx.sources.some((s) => s.id === id) ? { kind: 'source', id } : null;
  if (id === 0) return { kind: 'all' };
  return ctx.topics.some((t) => t.id === id) ? { kind: 'topic', id } : null;
}

function feedsGroups(ctx: ReaderContext) {
  return ctx.topics.map((t) => ({ group_id: t.id, feed_ids: ctx.sources.filter((s) => s.topicIds.includes(t.id)).map((s) => s.id).join(',') }));
}

function lastRefreshed(ctx: ReaderContext): number {
  return ctx.sources.reduce((m, s) => Math.max(m, s.lastSuccessAt ?? 0), 0) || ctx.now;
}
