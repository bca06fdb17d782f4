/**
 * The Google Reader API (as FreshRSS and Miniflux serve it) under /api/greader, for NetNewsWire, Reeder, ReadYou,
 * FeedMe, Fluent Reader, Newsflash, FocusReader and Fiery Feeds. Sign-in with the e-mail and an app password
 * (ClientLogin), then `Authorization: GoogleLogin auth=<token>` on every call; a bad token answers 401 with
 * `X-Reader-Google-Bad-Token: true`. Every answer goes through the one visibility rule (src/access).
 */
import { Hono, type Context } from 'hono';
import { canReadTopic, curatesTopic, redactUrl, canSeeSourceSecrets } from '../../access/index.js';
import { addItemTags, normaliseTag, removeItemTag } from '../../curation/tags.js';
import { addSourceByUrl, deleteSource, managedSource } from '../../curation/sources.js';
import { getTopic, updateTopic } from '../../curation/topics.js';
import { writeAudit } from '../../curation/audit.js';
import { listStreamRefs, unreadPerSource, type Stream } from '../../db/items/reader-streams.js';
import { markStreamRead } from '../../db/reading/stream-marks.js';
import { renameSource } from '../../db/sources/reader.js';
import { markItems, readableItems, type ReaderContext } from '../../reader/context.js';
import { itemJson, subscriptionJson } from '../../reader/greader-json.js';
import { parseItemId } from '../../reader/ids.js';
import { READING_LIST, READ, STARRED, feedId, labelId, parseStream } from '../../reader/streams.js';
import type { PasswordGuard } from '../middleware/password-guard.js';
import { createReaderGuard } from './reader-auth.js';
import type { AppDeps, AppEnv } from '../types.js';

const MAX_N = 10_000;
const MAX_IDS = 10_000;

type Params = { one(name: string): string | undefined; all(name: string): string[] };

/** Query and form parameters together (clients send either), repeated names kept. */
async function params(c: Context): Promise<Params> {
  const url = new URL(c.req.url);
  let form: Record<string, string | File | (string | File)[]> = {};
  if (c.req.method === 'POST' && (c.req.header('content-type') ?? '').includes('form')) form = await c.req.parseBody({ all: true });
  const all = (name: string): string[] => {
    const f = form[name];
    const fromForm = f === undefined ? [] : (Array.isArray(f) ? f : [f]).filter((x): x is string => typeof x === 'string');
    return [...url.searchParams.getAll(name), ...fromForm];
  };
  return { all, one: (name) => all(name)[0] };
}

const text = (c: Context, body: string, status: 200 | 400 | 401 | 403 | 404 | 429 = 200) => c.text(body, status);

function badRequest(c: Context, message: string, status: 400 | 403 | 404 = 400) {
  return c.json({ error: message }, status);
}

export function greaderRoutes(deps: AppDeps, passwords: PasswordGuard) {
  const app = new Hono<AppEnv>();
  const guard = createReaderGuard(deps, passwords);
  const base = '/api/greader';
  const api = `${base}/reader/api/0`;

  const login = async (c: Context) => {
    const p = await params(c);
    const email = p.one('Email') ?? '';
    const token = guard.login(c, email, p.one('Passwd') ?? '');
    if (token === 'throttled') {
      c.header('Retry-After', '900');
      return text(c, 'Error=TooManyAttempts\n', 429);
    }
    if (!token) return text(c, 'Error=BadAuthentication\n', 401);
    if (p.one('output') === 'json') return c.json({ SID: token, LSID: null, Auth: token, expires_in: 604800 });
    return text(c, `SID=${token}\nLSID=null\nAuth=${token}\n`);
  };
  app.get(`${base}/accounts/ClientLogin`, login);
  app.post(`${base}/accounts/ClientLogin`, login);

  /** Resolves the caller or answers 401; POSTs may carry the edit token `T`, which must then be right. */
  async function authed(c: Context, run: (ctx: ReaderContext & { editToken: string }, p: Params) => Response | Promise<Response>) {
    const header = c.req.header('authorization') ?? '';
    const m = /^GoogleLogin\s+auth=(\S+)\s*$/i.exec(header);
    const ctx = m ? guard.token(m[1]!) : null;
    const unauthorized = () => {
      c.header('X-Reader-Google-Bad-Token', 'true');
      c.header('WWW-Authenticate', 'GoogleLogin realm="vigie"');
      return text(c, 'Unauthorized', 401);
    };
    if (!ctx) return unauthorized();
    const p = await params(c);
    if (c.req.method === 'POST') {
      const t = p.one('T');
      if (t !== undefined && t !== ctx.editToken) return unauthorized();
    }
    return run(ctx, p);
  }
  const writes = (ctx: ReaderContext) => ctx.user.scope !== 'read';

  app.get(`${api}/token`, (c) => authed(c, (ctx) => text(c, ctx.editToken)));

  app.get(`${api}/user-info`, (c) =>
    authed(c, (ctx) => c.json({ userId: String(ctx.user.id), userName: ctx.user.displayName, userProfileId: String(ctx.user.id), userEmail: ctx.user.email, isBloggerUser: false, signupTimeSec: 0, isMultiLoginEnabled: false })),
  );

  app.get(`${api}/subscription/list`, (c) =>
    authed(c, (ctx) =>
      c.json({
        subscriptions: ctx.sources.map((s) => subscriptionJson(s, ctx.topics, canSeeSourceSecrets(ctx.viewer, s.topicIds) ? s.url : redactUrl(s.url))),
      }),
    ),
  );

  app.get(`${api}/tag/list`, (c) =>
    authed(c, (ctx) =>
      c.json({
        tags: [
          { id: STARRED, sortid: 'A0000001' },
          ...ctx.topics.map((t) => ({ id: labelId(t.name), sortid: `B${t.id.toString(16).padStart(7, '0')}`, type: 'folder' })),
          ...ctx.tags.filter((n) => !ctx.topics.some((t) => t.name === n)).map((n, i) => ({ id: labelId(n), sortid: `C${i.toString(16).padStart(7, '0')}`, type: 'tag' })),
        ],
      }),
    ),
  );

  app.get(`${api}/unread-count`, (c) =>
    authed(c, (ctx) => {
      const per = unreadPerSource(ctx.sqlite, ctx.viewer, ctx.user.id);
      const counts: { id: string; count: number; newestItemTimestampUsec: string }[] = [];
      let total = 0;
      let newest = 0;
      const perTopic = new Map<number, { count: number; newest: number }>();
      for (const s of per) {
        counts.push({ id: feedId(s.sourceId), count: s.count, newestItemTimestampUsec: `${s.newest}000` });
        total += s.count;
        newest = Math.max(newest, s.newest);
        const src = ctx.sources.find((x) => x.id === s.sourceId);
        for (const t of src?.topicIds ?? []) {
          const acc = perTopic.get(t) ?? { count: 0, newest: 0 };
          acc.count += s.count;
          acc.newest = Math.max(acc.newest, s.newest);
          perTopic.set(t, acc);
        }
      }
      for (const t of ctx.topics) {
        const acc = perTopic.get(t.id);
        if (acc) counts.push({ id: labelId(t.name), count: acc.count, newestItemTimestampUsec: `${acc.newest}000` });
      }
      counts.push({ id: READING_LIST, count: total, newestItemTimestampUsec: `${newest}000` });
      return c.json({ max: total, unreadcounts: counts });
    }),
  );

  /** Reads s/xt/it/n/r/ot/nt/c into a stream query; a string is an error message. */
  function streamQuery(ctx: ReaderContext, p: Params, streamId: string | undefined) {
    const include = parseStream(streamId ?? READING_LIST, ctx.catalog);
    if (!include) return 'unknown stream: not a stream you can read';
    const parseAll = (names: string[]) => names.map((s) => parseStream(s, ctx.catalog));
    const exclude = parseAll(p.all('xt'));
    const also = parseAll(p.all('it'));
    if (exclude.includes(null) || also.includes(null)) return `unknown stream in xt or it`;
    const nRaw = Number(p.one('n') ?? 20);
    const n = Number.isFinite(nRaw) && nRaw >= 1 ? Math.min(Math.floor(nRaw), MAX_N) : 20;
    const sec = (name: string) => {
      const v = p.one(name);
      return v !== undefined && /^\d{1,12}$/.test(v) ? Number(v) * 1000 : null;
    };
    const cont = p.one('c');
    if (cont !== undefined && cont !== '' && !/^\d{1,16}$/.test(cont)) return `c: not a continuation this server gave`;
    const oldestFirst = p.one('r') === 'o';
    const nt = sec('nt');
    return {
      include,
      also: also as Stream[],
      exclude: exclude as Stream[],
      storedFrom: sec('ot'),
      storedBefore: nt === null ? null : nt + 1000,
      oldestFirst,
      after: cont ? Number(cont) : null,
      limit: n,
    };
  }

  app.get(`${api}/stream/items/ids`, (c) =>
    authed(c, (ctx, p) => {
      const q = streamQuery(ctx, p, p.one('s'));
      if (typeof q === 'string') return badRequest(c, q, q.startsWith('unknown') ? 404 : 400);
      const page = listStreamRefs(ctx.sqlite, ctx.viewer, ctx.user.id, q);
      const last = page.refs[page.refs.length - 1];
      return c.json({
        itemRefs: page.refs.map((r) => ({ id: String(r.id), directStreamIds: [], timestampUsec: `${r.firstSeenAt}000` })),
        ...(page.more && last ? { continuation: String(last.id) } : {}),
      });
    }),
  );

  const contents = (ctx: ReaderContext, ids: number[]) => {
    const names = new Map(ctx.topics.map((t) => [t.id, t.name]));
    const sources = new Map(ctx.sources.map((s) => [s.id, s]));
    return readableItems(ctx, ids).map((i) => itemJson(i, sources.get(i.sourceId), (id) => names.get(id)));
  };

  app.post(`${api}/stream/items/contents`, (c) =>
    authed(c, (ctx, p) => {
      const raw = p.all('i');
      if (raw.length > MAX_IDS) return badRequest(c, `too many item ids (${raw.length}); ask for at most ${MAX_IDS} at a time`);
      const ids = [...new Set(raw.map(parseItemId).filter((x): x is number => x !== null))];
      return c.json({ id: READING_LIST, updated: Math.floor(ctx.now / 1000), items: contents(ctx, ids) });
    }),
  );

  const streamContents = (c: Context, streamFromPath: string | undefined) =>
    authed(c, (ctx, p) => {
      const streamId = streamFromPath ?? p.one('s');
      const q = streamQuery(ctx, p, streamId);
      if (typeof q === 'string') return badRequest(c, q, q.startsWith('unknown') ? 404 : 400);
      const page = listStreamRefs(ctx.sqlite, ctx.viewer, ctx.user.id, { ...q, limit: Math.min(q.limit, 1000) });
      const last = page.refs[page.refs.length - 1];
      return c.json({
        id: streamId ?? READING_LIST,
        updated: Math.floor(ctx.now / 1000),
        items: contents(
          ctx,
          page.refs.map((r) => r.id),
        ),
        ...(page.more && last ? { continuation: String(last.id) } : {}),
      });
    });
  app.get(`${api}/stream/contents`, (c) => streamContents(c, undefined));
  app.get(`${api}/stream/contents/:stream{.+}`, (c) => streamContents(c, decodeURIComponent(c.req.param('stream'))));

  app.post(`${api}/edit-tag`, (c) =>
    authed(c, (ctx, p) => {
      const raw = p.all('i');
      if (raw.length > MAX_IDS) return badRequest(c, `too many item ids (${raw.length}); at most ${MAX_IDS}`);
      const ids = [...new Set(raw.map(parseItemId).filter((x): x is number => x !== null))];
      const norm = (s: string) => s.replace(/^user\/[^/]+\//, 'user/-/');
      const add = p.all('a').map(norm);
      const remove = p.all('r').map(norm);
      const change: { read?: boolean; starred?: boolean } = {};
      if (add.includes(READ)) change.read = true;
      if (remove.includes(READ)) change.read = false;
      if (add.includes(STARRED)) change.starred = true;
      if (remove.includes(STARRED)) change.starred = false;
      markItems(ctx, ids, change);
      const labels = (list: string[]) => list.filter((s) => s.startsWith('user/-/label/')).map((s) => s.slice('user/-/label/'.length));
      const addLabels = labels(add);
      const removeLabels = labels(remove);
      if (addLabels.length || removeLabels.length) {
        if (!writes(ctx)) return badRequest(c, 'this app password has the read scope: create one with the curate scope to tag items', 403);
        const actor = { id: ctx.user.id, email: ctx.user.email, displayName: ctx.user.displayName };
        for (const item of readableItems(ctx, ids)) {
          const topic = item.topicIds.find((t) => canReadTopic(ctx.viewer, t) && ctx.user.memberships.some((m) => m.topicId === null || m.topicId === t)) ?? (ctx.viewer.isAdmin ? item.topicIds[0] : undefined);
          if (topic === undefined) return badRequest(c, `you are not a member of a topic of item ${item.id}: tags are given by its topics' members`, 403);
          const tagNames = addLabels.filter((n) => !ctx.topics.some((t) => t.name === n)).map(normaliseTag).filter(Boolean);
          if (tagNames.length) addItemTags(ctx.sqlite, actor, item.id, topic, tagNames, ctx.now);
          const actsIn = ctx.viewer.isAdmin ? ('all' as const) : item.topicIds.filter((t) => ctx.user.memberships.some((m) => m.topicId === null || m.topicId === t));
          for (const n of removeLabels) removeItemTag(ctx.sqlite, actor, item.id, n, actsIn, ctx.now);
        }
      }
      return text(c, 'OK');
    }),
  );

  app.post(`${api}/mark-all-as-read`, (c) =>
    authed(c, (ctx, p) => {
      const stream = parseStream(p.one('s') ?? READING_LIST, ctx.catalog);
      if (!stream) return badRequest(c, 'unknown stream: not a stream you can read', 404);
      const ts = p.one('ts');
      // `ts` is in microseconds (some clients send seconds or milliseconds): items stored up to then.
      let before: number | null = null;
      if (ts !== undefined && /^\d{1,19}$/.test(ts)) {
        const v = Number(ts);
        before = (v > 1e14 ? Math.floor(v / 1000) : v > 1e11 ? v : v * 1000) + 1;
      }
      markStreamRead(ctx.sqlite, ctx.viewer, ctx.user.id, stream, before, ctx.now);
      return text(c, 'OK');
    }),
  );

  /** Sources are the topics' business: curators subscribe, rename and remove them in a topic they curate. */
  app.post(`${api}/subscription/edit`, (c) =>
    authed(c, async (ctx, p) => {
      if (!writes(ctx)) return badRequest(c, 'this app password has the read scope: subscriptions are changed with a curate-scope app password, by curators', 403);
      const action = p.one('ac') ?? 'edit';
      const actor = { id: ctx.user.id, email: ctx.user.email, displayName: ctx.user.displayName };
      const streams = p.all('s');
      if (!streams.length) return badRequest(c, 's: the subscription (feed/…) is required');
      for (const s of streams) {
        if (action === 'subscribe') {
          const label = p.one('a')?.replace(/^user\/[^/]+\/label\//, '');
          const topic = label ? ctx.topics.find((t) => t.name === label || t.slug === label) : undefined;
          if (!topic || !curatesTopic(ctx.viewer, topic.id)) return badRequest(c, 'subscribing adds a source to a topic you curate: put it in a folder named after that topic', 403);
          const url = s.replace(/^feed\//, '');
          const r = await addSourceByUrl({ sqlite: ctx.sqlite, fetch: deps.fetch, parse: deps.parse }, actor, { url, topicId: topic.id, topicSlug: topic.slug, name: p.one('t') || undefined }, ctx.now);
          if (!r.ok) return badRequest(c, r.message);
          continue;
        }
        const stream = parseStream(s, ctx.catalog);
        if (!stream || stream.kind !== 'source') return badRequest(c, `unknown subscription '${s}'`, 404);
        const src = ctx.sources.find((x) => x.id === stream.id)!;
        const managed = managedSource(ctx.sqlite, src.slug)!;
        if (!managed.topicIds.some((t) => curatesTopic(ctx.viewer, t))) return badRequest(c, `only the curators of this source's topics change it`, 403);
        if (managed.origin === 'file') return badRequest(c, `source '${src.slug}' is declared in feeds.yaml: change it there (the file wins)`, 403);
        if (action === 'unsubscribe') {
          if (!managed.topicIds.every((t) => curatesTopic(ctx.viewer, t))) return badRequest(c, 'this source is also in topics you do not curate: remove it in the web', 403);
          deleteSource(ctx.sqlite, actor, managed, ctx.now);
        } else if (action === 'edit') {
          const title = p.one('t')?.trim();
          if (title) {
            renameSource(ctx.sqlite, src.id, title.slice(0, 200), ctx.now);
            writeAudit(ctx.sqlite, actor, { action: 'source.rename', targetType: 'source', topicId: managed.topicIds[0] ?? null, detail: { source: src.slug, name: title } }, ctx.now);
          }
          if (p.one('a') || p.one('r')) return badRequest(c, 'moving a source between topics is done in the web (Sources)', 400);
        } else return badRequest(c, `ac: expected subscribe, unsubscribe or edit`);
      }
      return text(c, 'OK');
    }),
  );

  app.post(`${api}/subscription/quickadd`, (c) =>
    authed(c, async (ctx, p) => {
      const url = (p.one('quickadd') ?? '').replace(/^feed\//, '');
      if (!writes(ctx)) return badRequest(c, 'this app password has the read scope', 403);
      const curated = ctx.topics.filter((t) => curatesTopic(ctx.viewer, t.id));
      if (curated.length !== 1) return badRequest(c, curated.length ? 'you curate several topics: subscribe with a folder named after the topic' : 'adding a source is for the curators of a topic', 403);
      const topic = curated[0]!;
      const actor = { id: ctx.user.id, email: ctx.user.email, displayName: ctx.user.displayName };
      const r = await addSourceByUrl({ sqlite: ctx.sqlite, fetch: deps.fetch, parse: deps.parse }, actor, { url, topicId: topic.id, topicSlug: topic.slug }, ctx.now);
      if (!r.ok) return c.json({ numResults: 0, error: r.message });
      const src = managedSource(ctx.sqlite, r.slug)!;
      return c.json({ numResults: 1, query: url, streamId: feedId(src.id), streamName: r.slug });
    }),
  );

  app.post(`${api}/rename-tag`, (c) =>
    authed(c, (ctx, p) => {
      const from = (p.one('s') ?? '').replace(/^user\/[^/]+\/label\//, '');
      const to = (p.one('dest') ?? '').replace(/^user\/[^/]+\/label\//, '').trim();
      const topic = ctx.topics.find((t) => t.name === from || t.slug === from);
      if (!topic) return badRequest(c, `only topic folders are renamed from an app; '${from}' is not one you read`, 404);
      if (!writes(ctx) || !curatesTopic(ctx.viewer, topic.id)) return badRequest(c, 'renaming a topic is for its curators', 403);
      if (!to) return badRequest(c, 'dest: the new name is required');
      const actor = { id: ctx.user.id, email: ctx.user.email, displayName: ctx.user.displayName };
      updateTopic(ctx.sqlite, actor, getTopic(ctx.sqlite, topic.slug)!, { name: to.slice(0, 200) }, ctx.now);
      return text(c, 'OK');
    }),
  );

  app.post(`${api}/disable-tag`, (c) =>
    authed(c, (ctx, p) => {
      const name = (p.one('s') ?? '').replace(/^user\/[^/]+\/label\//, '');
      if (ctx.topics.some((t) => t.name === name || t.slug === name)) return badRequest(c, 'a topic is not deleted from an app: an admin does it in the web', 403);
      return badRequest(c, `tags are removed item by item (edit-tag with r=${labelId(name)})`, 400);
    }),
  );

  return app;
}
