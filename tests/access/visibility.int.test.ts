/**
 * The visibility suite: every read route × every kind of viewer × public, members-only and shared topics, on both
 * search backends. The routes come from the app itself (its router and its OpenAPI document), so a new read route
 * without a row here fails the suite. Each row names concrete URLs; for each viewer the suite asserts:
 * - nothing the viewer may not read appears in the answer (titles, source names and URL secrets, topic names, and
 *   curation made in topics they do not read: tags, flag rationales, approval notes), whatever the status;
 * - an unreadable item or topic answers 404 (never 403); a readable one answers;
 * - lists and counts hold exactly the readable items (items API, stream, search hits, totals and facets, sources,
 *   "also reported by N sources").
 * The network is built through the real pipeline (a feed server on 127.0.0.1, `vigie fetch`) and the real API.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppPassword } from '../../src/accounts/app-passwords.js';
import { createApp } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';
import { createOutboxDrain } from '../../src/search/outbox.js';
import type { Deps } from '../../src/deps.js';
import { addTestUser, call, type TestUser } from '../helpers/accounts.js';
import { vigie } from '../helpers/cli.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { meiliEnv, testMeili } from '../helpers/meili.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

/** Words that must only reach the viewers who may read them. Every item also carries the word "vigilword". */
const M = {
  pubTitle: 'Zorblax public alpha',
  bothTitle: 'Marmoset shared charlie',
  privTitle: 'Quintessa private bravo',
  privSibling: 'Hushhush sibling echo',
  otherTitle: 'Vexillum other delta',
  privSourceName: 'Privsourcename',
  otherSourceName: 'Othersourcename',
  closedTopicName: 'Closedcircle',
  otherTopicName: 'Othercircle',
  privKey: 'KeySecretXyz',
  bothKey: 'TokSecretBoth',
  otherKey: 'KeyOtherSecret',
  closedApprovalNote: 'Noteclosedapproval',
  closedRationale: 'Rationaleclosedsecret',
  closedTag: 'tagclosedsecret',
  closedAnnotation: 'Annotationclosedinternal',
  otherRationale: 'Rationaleothersecret',
  pubApprovalNote: 'Notepublicapproval',
} as const;
type Marker = keyof typeof M;

type ViewerName = 'anonymous' | 'stranger' | 'memberOther' | 'memberClosed' | 'curatorClosed' | 'curatorOther' | 'admin';
const PEOPLE: Exclude<ViewerName, 'anonymous'>[] = ['stranger', 'memberOther', 'memberClosed', 'curatorClosed', 'curatorOther', 'admin'];
const readsClosed = (v: ViewerName) => v === 'memberClosed' || v === 'curatorClosed' || v === 'admin';
const readsOther = (v: ViewerName) => v === 'memberOther' || v === 'curatorOther' || v === 'admin';

/** Who may see each marker (public reading on). */
const MAY_SEE: Record<Marker, (v: ViewerName) => boolean> = {
  pubTitle: () => true,
  bothTitle: () => true,
  pubApprovalNote: () => true,
  privTitle: readsClosed,
  privSibling: readsClosed,
  privSourceName: readsClosed,
  closedTopicName: readsClosed,
  closedApprovalNote: readsClosed,
  closedRationale: readsClosed,
  closedTag: readsClosed,
  closedAnnotation: readsClosed,
  otherTitle: readsOther,
  otherSourceName: readsOther,
  otherTopicName: readsOther,
  otherRationale: readsOther,
  privKey: (v) => v === 'curatorClosed' || v === 'admin',
  // The shared source is in `open` too, which curatorOther curates.
  bothKey: (v) => v === 'curatorClosed' || v === 'curatorOther' || v === 'admin',
  otherKey: (v) => v === 'curatorOther' || v === 'admin',
};

const TOPIC_NAMES: [string, string][] = [
  ['open', 'Opentopic'],
  ['closed', M.closedTopicName],
  ['other', M.otherTopicName],
];

const ITEM_TOPICS = { pub: ['open'], both: ['open', 'closed'], priv: ['closed'], sibling: ['closed'], other: ['other'] } as const;
type ItemKey = keyof typeof ITEM_TOPICS;
const ITEM_TITLE: Record<ItemKey, Marker> = { pub: 'pubTitle', both: 'bothTitle', priv: 'privTitle', sibling: 'privSibling', other: 'otherTitle' };
const readsTopic = (v: ViewerName, t: string) => t === 'open' || (t === 'closed' && readsClosed(v)) || (t === 'other' && readsOther(v));
const readsItem = (v: ViewerName, i: ItemKey) => ITEM_TOPICS[i].some((t) => readsTopic(v, t));

function rss(host: string, items: { title: string; link: string }[]): string {
  const entries = items
    .map((it, n) => `<item><title>${it.title} vigilword</title><link>${it.link}</link><guid>${it.link}</guid><pubDate>${new Date(Date.UTC(2026, 10, 20, 8, n)).toUTCString()}</pubDate><description>About ${it.title}, vigilword.</description></item>`)
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${host}</title><link>https://${host}/</link><description>d</description>${entries}</channel></rss>`;
}

interface Ctx {
  items: Record<ItemKey, number>;
  flagClosed: number;
  flagOther: number;
  digestClosed: number;
  digestIssue: number | null;
}

/**
 * A row per GET route pattern of the app: the concrete URLs to try, and what they are about (an item or a topic:
 * then an unreadable one must answer 404). `publication` URLs are the republished watch: only public topics exist
 * there, and only what was approved in them.
 */
interface Probe {
  url: string;
  item?: ItemKey;
  topic?: string;
  /** Republication: exists for public topics only, whoever asks. */
  publication?: boolean;
}
type Row = (ctx: Ctx) => Probe[];

const topicProbes = (path: (t: string) => string, publication = false): Row => () => ['open', 'closed', 'other'].map((t) => ({ url: path(t), topic: t, publication }));
const itemProbes = (path: (id: number, key: ItemKey) => string): Row => (ctx) => (Object.keys(ctx.items) as ItemKey[]).map((k) => ({ url: path(ctx.items[k], k), item: k }));
const plain = (...urls: string[]): Row => () => urls.map((url) => ({ url }));

const ROWS: Record<string, Row> = {
  '/healthz': plain('/healthz'),
  '/api/v1/openapi.json': plain('/api/v1/openapi.json'),
  '/api/v1/auth/session': plain('/api/v1/auth/session'),
  '/api/v1/invitations/:token': plain('/api/v1/invitations/nope'),
  '/api/v1/users/me': plain('/api/v1/users/me'),
  '/api/v1/users': plain('/api/v1/users'),
  '/api/v1/tokens': plain('/api/v1/tokens'),
  // Reader apps: each signed-in viewer signs in with an app password of their own (see `get`).
  '/api/greader/accounts/ClientLogin': plain('/api/greader/accounts/ClientLogin'),
  '/api/greader/reader/api/0/token': plain('/api/greader/reader/api/0/token'),
  '/api/greader/reader/api/0/user-info': plain('/api/greader/reader/api/0/user-info'),
  '/api/greader/reader/api/0/subscription/list': plain('/api/greader/reader/api/0/subscription/list?output=json'),
  '/api/greader/reader/api/0/tag/list': plain('/api/greader/reader/api/0/tag/list?output=json'),
  '/api/greader/reader/api/0/unread-count': plain('/api/greader/reader/api/0/unread-count?output=json'),
  '/api/greader/reader/api/0/stream/items/ids': () => [
    { url: '/api/greader/reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&n=1000' },
    { url: '/api/greader/reader/api/0/stream/items/ids?s=user/-/state/com.google/starred' },
    ...TOPIC_NAMES.map(([t, name]) => ({ url: `/api/greader/reader/api/0/stream/items/ids?s=${encodeURIComponent(`user/-/label/${name}`)}`, topic: t })),
  ],
  '/api/greader/reader/api/0/stream/contents': plain('/api/greader/reader/api/0/stream/contents?n=1000', '/api/greader/reader/api/0/stream/contents?s=user/-/state/com.google/reading-list&n=1000'),
  '/api/greader/reader/api/0/stream/contents/:stream{.+}': () =>
    TOPIC_NAMES.map(([t, name]) => ({ url: `/api/greader/reader/api/0/stream/contents/${encodeURIComponent(`user/-/label/${name}`)}?n=1000`, topic: t })),
  '/api/fever': plain('/api/fever?api&items&since_id=0', '/api/fever?api&groups&feeds', '/api/fever?api&unread_item_ids&saved_item_ids'),
  '/api/fever/': plain('/api/fever/?api&items&max_id=0'),
  '/api/v1/app-passwords': plain('/api/v1/app-passwords'),
  '/api/v1/topics/:slug/channels': topicProbes((t) => `/api/v1/topics/${t}/channels`),
  '/api/v1/topics/:slug/channels/:id/deliveries': topicProbes((t) => `/api/v1/topics/${t}/channels/1/deliveries`),
  '/api/v1/topics': plain('/api/v1/topics'),
  '/api/v1/topics/:slug/members': topicProbes((t) => `/api/v1/topics/${t}/members`),
  '/api/v1/topics/:slug/tags': topicProbes((t) => `/api/v1/topics/${t}/tags`),
  '/api/v1/flags': plain('/api/v1/flags', '/api/v1/flags?status=watching'),
  '/api/v1/flags/:id': (ctx) => [{ url: `/api/v1/flags/${ctx.flagClosed}`, topic: 'closed' }, { url: `/api/v1/flags/${ctx.flagOther}`, topic: 'other' }],
  '/api/v1/items/:id/annotations': itemProbes((id) => `/api/v1/items/${id}/annotations`),
  '/api/v1/approvals': plain('/api/v1/approvals'),
  '/api/v1/marks': plain('/api/v1/marks'),
  '/api/v1/items/:id/history': itemProbes((id) => `/api/v1/items/${id}/history`),
  '/api/v1/audit': plain('/api/v1/audit'),
  '/api/v1/items/:id/curation': itemProbes((id) => `/api/v1/items/${id}/curation`),
  '/api/v1/saved-searches': plain('/api/v1/saved-searches'),
  '/invite/:token': plain('/invite/nope'),
  '/reset/:token': plain('/reset/nope'),
  '/api/v1/sources': plain('/api/v1/sources'),
  '/api/v1/items/:id': itemProbes((id) => `/api/v1/items/${id}`),
  '/api/v1/items': (ctx) => [{ url: '/api/v1/items' }, ...topicProbes((t) => `/api/v1/items?topic=${t}`)(ctx), { url: '/api/v1/items?source=priv', item: 'priv' }],
  '/api/v1/search': (ctx) => [{ url: '/api/v1/search?q=vigilword' }, { url: '/api/v1/search?q=vigilword&sort=date' }, ...topicProbes((t) => `/api/v1/search?q=vigilword&topic=${t}`)(ctx)],
  '/api/v1/signals/suggestions': plain('/api/v1/signals/suggestions'),
  '/signals/radar': plain('/signals/radar'),
  '/api/v1/digests': plain('/api/v1/digests'),
  '/api/v1/digests/:id/preview': (ctx) => [{ url: `/api/v1/digests/${ctx.digestClosed}/preview` }],
  '/api/v1/digests/:id/issues': (ctx) => [{ url: `/api/v1/digests/${ctx.digestClosed}/issues` }],
  '/public/feed.rss': plain('/public/feed.rss'),
  '/public/feed.atom': plain('/public/feed.atom'),
  '/public/feed.json': plain('/public/feed.json'),
  '/t/:topic/feed.rss': topicProbes((t) => `/t/${t}/feed.rss`, true),
  '/t/:topic/feed.atom': topicProbes((t) => `/t/${t}/feed.atom`, true),
  '/t/:topic/feed.json': topicProbes((t) => `/t/${t}/feed.json`, true),
  '/t/:topic/tags/:tag/feed.rss': topicProbes((t) => `/t/${t}/tags/${M.closedTag}/feed.rss`),
  '/t/:topic/tags/:tag/feed.atom': topicProbes((t) => `/t/${t}/tags/${M.closedTag}/feed.atom`),
  '/t/:topic/tags/:tag/feed.json': topicProbes((t) => `/t/${t}/tags/${M.closedTag}/feed.json`),
  // A topic's sources as OPML: for whoever reads the topic (secret URL parts only for its curators).
  '/t/:topic/sources.opml': topicProbes((t) => `/t/${t}/sources.opml`),
  '/sitemap.xml': plain('/sitemap.xml'),
  '/robots.txt': plain('/robots.txt'),
  '/favicon.ico': plain('/favicon.ico'),
  '/public': plain('/public'),
  '/t/:topic': topicProbes((t) => `/t/${t}`, true),
  '/t/:topic/i/:item': (ctx) => (['open', 'closed'] as const).flatMap((t) => (Object.keys(ctx.items) as ItemKey[]).map((k) => ({ url: `/t/${t}/i/${ctx.items[k]}`, topic: t, publication: true }))),
  '/t/:topic/widget': topicProbes((t) => `/t/${t}/widget`, true),
  '/digests': plain('/digests'),
  '/digests/unsubscribe/:token': plain('/digests/unsubscribe/nope'),
  '/digests/:id{[0-9]+}': (ctx) => [{ url: `/digests/${ctx.digestClosed}` }],
  '/digests/:id{[0-9]+}/issues/:issue{[0-9]+}': (ctx) => (ctx.digestIssue ? [{ url: `/digests/${ctx.digestClosed}/issues/${ctx.digestIssue}` }] : []),
  '/digests/:id{[0-9]+}/preview': (ctx) => [{ url: `/digests/${ctx.digestClosed}/preview` }],
  '/digests/:id{[0-9]+}/feed.atom': (ctx) => [{ url: `/digests/${ctx.digestClosed}/feed.atom` }],
  '/digests/:id{[0-9]+}/feed.rss': (ctx) => [{ url: `/digests/${ctx.digestClosed}/feed.rss` }],
  '/lang/:locale': plain('/lang/en'),
  '/': (ctx) => [{ url: '/' }, { url: '/?q=vigilword' }, ...topicProbes((t) => `/?topic=${t}`)(ctx)],
  '/items/:id{[0-9]+}': itemProbes((id) => `/items/${id}`),
  '/sources': plain('/sources'),
  '/topics': plain('/topics'),
  '/topics/:slug': topicProbes((t) => `/topics/${t}`),
  '/signals': plain('/signals'),
  '/login': plain('/login'),
  '/account': plain('/account'),
  '/saved': plain('/saved'),
  '/network': plain('/network'),
  '/report': plain('/report'),
  '/report.csv': plain('/report.csv'),
};

const meili = testMeili();
const backends: [string, boolean][] = [
  ['fts5', true],
  ['meilisearch', Boolean(meili)],
];

describe.each(backends)('who reads what (%s)', (backend, available) => {
  let feeds: FeedServer;
  let install: TestInstall;
  let deps: Deps;
  let app: App;
  const users = {} as Record<Exclude<ViewerName, 'anonymous'>, TestUser>;
  const tokens = {} as Record<Exclude<ViewerName, 'anonymous'>, string>;
  const readerAuth = {} as Record<Exclude<ViewerName, 'anonymous'>, { google: string; fever: string }>;
  const ctx = {} as Ctx;

  beforeAll(async () => {
    if (!available) return;
    feeds = await startFeedServer({
      files: {
        '/pub.xml': rss('pub.example', [{ title: M.pubTitle, link: 'https://news.example/story' }]),
        '/both.xml': rss('both.example', [{ title: M.bothTitle, link: 'https://both.example/1' }]),
        '/priv.xml': rss('priv.example', [
          { title: M.privTitle, link: 'https://priv.example/1' },
          { title: M.privSibling, link: 'https://news.example/story' },
        ]),
        '/other.xml': rss('other.example', [{ title: M.otherTitle, link: 'https://other.example/1' }]),
      },
    });
    const yaml = `topics:
  - { slug: open, name: Opentopic }
  - { slug: closed, name: ${M.closedTopicName}, public: false }
  - { slug: other, name: ${M.otherTopicName}, public: false }
sources:
  - { slug: pub, kind: feed, url: "${feeds.url}/pub.xml", topic: open, name: Pubsourcename }
  - { slug: both, kind: feed, url: "${feeds.url}/both.xml?token=${M.bothKey}", topics: [open, closed], name: Bothsourcename }
  - { slug: priv, kind: feed, url: "${feeds.url}/priv.xml?key=${M.privKey}", topic: closed, name: ${M.privSourceName} }
  - { slug: other, kind: feed, url: "${feeds.url}/other.xml?k=${M.otherKey}", topic: other, name: ${M.otherSourceName} }
`;
    install = makeTestInstall(yaml, { VIGIE_OPEN_SIGNUP: 'true', ...(backend === 'meilisearch' ? meiliEnv(meili!, 'visibility') : {}) });
    const fetched = await vigie(['fetch'], install.env);
    expect(fetched.code, fetched.stderr).toBe(0);
    deps = makeTestDeps(install);
    app = createApp(deps);
    const byTitle = (await call(app, 'GET', '/api/v1/items?limit=50', { as: await addTestUser(deps.sqlite, { email: 'root@example.org', role: 'admin' }) })).body.items as { id: number; title: string }[];
    const idOf = (m: Marker) => byTitle.find((i) => i.title.startsWith(M[m]))!.id;
    ctx.items = { pub: idOf('pubTitle'), both: idOf('bothTitle'), priv: idOf('privTitle'), sibling: idOf('privSibling'), other: idOf('otherTitle') };

    users.stranger = await addTestUser(deps.sqlite, { email: 'stranger@example.org' });
    users.memberOther = await addTestUser(deps.sqlite, { email: 'mo@example.org', topics: { other: 'member' } });
    users.memberClosed = await addTestUser(deps.sqlite, { email: 'mc@example.org', topics: { closed: 'member' } });
    users.curatorClosed = await addTestUser(deps.sqlite, { email: 'cc@example.org', role: 'curator', topics: { closed: 'curator' } });
    users.curatorOther = await addTestUser(deps.sqlite, { email: 'co@example.org', role: 'curator', topics: { other: 'curator', open: 'curator' } });
    users.admin = await addTestUser(deps.sqlite, { email: 'admin@example.org', role: 'admin' });
    for (const v of PEOPLE) tokens[v] = users[v].token('read');
    for (const v of PEOPLE) {
      const made = createAppPassword(deps.sqlite, { id: users[v].id, email: users[v].email }, { name: 'suite', scope: 'read' }, Date.now());
      const login = await app.request('/api/greader/accounts/ClientLogin', { method: 'POST', body: new URLSearchParams({ Email: users[v].email, Passwd: made.password }) });
      const google = /^Auth=(.+)$/m.exec(await login.text())![1]!;
      readerAuth[v] = { google, fever: createHash('md5').update(`${users[v].email}:${made.password}`).digest('hex') };
    }

    const ok = async (r: Promise<{ status: number; body: any }>) => {
      const res = await r;
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
      return res.body;
    };
    const { memberClosed, curatorClosed, curatorOther, memberOther } = users;
    await ok(call(app, 'POST', `/api/v1/items/${ctx.items.priv}/tags`, { as: memberClosed, body: { tags: [M.closedTag] } }));
    await ok(call(app, 'POST', `/api/v1/items/${ctx.items.both}/tags`, { as: memberClosed, body: { tags: [M.closedTag] } }));
    ctx.flagClosed = (await ok(call(app, 'POST', `/api/v1/items/${ctx.items.both}/flags`, { as: memberClosed, body: { strength: 2, rationale: M.closedRationale } }))).flag.id;
    ctx.flagOther = (await ok(call(app, 'POST', `/api/v1/items/${ctx.items.other}/flags`, { as: memberOther, body: { strength: 2, rationale: M.otherRationale } }))).flag.id;
    await ok(call(app, 'POST', `/api/v1/items/${ctx.items.both}/annotations`, { as: memberClosed, body: { body: M.closedAnnotation } }));
    // The curator of the members-only topic approves the shared item: in their topic, so it is not republished.
    await ok(call(app, 'PUT', `/api/v1/items/${ctx.items.both}/approval`, { as: curatorClosed, body: { note: M.closedApprovalNote } }));
    await ok(call(app, 'PUT', `/api/v1/items/${ctx.items.pub}/approval`, { as: curatorOther, body: { note: M.pubApprovalNote } }));
    const digest = await ok(call(app, 'POST', '/api/v1/digests', { as: memberClosed, body: { kind: 'topic', topic: 'closed', frequency: 'daily' } }));
    ctx.digestClosed = digest.subscription.id;
    ctx.digestIssue = null;
    if (backend === 'meilisearch') await createOutboxDrain(deps).drain({ owner: 'test' });
  });

  afterAll(async () => {
    if (!available) return;
    await deps.close();
    install.cleanup();
    await feeds.close();
  });

  const as = (v: ViewerName, token = false): Record<string, string> => (v === 'anonymous' ? {} : token ? { authorization: `Bearer ${tokens[v]}` } : { cookie: users[v].cookie });
  const get = async (url: string, v: ViewerName, token = false) => {
    // Reader apps authenticate their own way: a GoogleLogin token, or Fever's api_key.
    if (v !== 'anonymous' && url.startsWith('/api/greader/reader/')) {
      const res = await app.request(url, { headers: { authorization: `GoogleLogin auth=${readerAuth[v].google}` } });
      return { status: res.status, text: await res.text() };
    }
    if (v !== 'anonymous' && url.startsWith('/api/fever')) url = `${url}&api_key=${readerAuth[v].fever}`;
    const res = await app.request(url, { headers: { accept: url.startsWith('/api/') ? 'application/json' : 'text/html', ...as(v, token) } });
    return { status: res.status, text: await res.text() };
  };
  const viewers: [ViewerName, boolean][] = [['anonymous', false], ...PEOPLE.flatMap((v): [ViewerName, boolean][] => [[v, false], [v, true]])];

  it.skipIf(!available)('has a row for every read route of the app and of its OpenAPI document', async () => {
    const routes = new Set(app.routes.filter((r) => r.method === 'GET').map((r) => r.path));
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, { get?: unknown }> };
    for (const [path, ops] of Object.entries(doc.paths)) if (ops.get) routes.add(path.replace(/\{(\w+)\}/g, ':$1'));
    const missing = [...routes].filter((r) => !(r in ROWS));
    expect(missing, 'read routes without a row in the visibility suite').toEqual([]);
  });

  it.skipIf(!available)('no route shows anyone what they may not read, and unreadable things answer 404', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [route, row] of Object.entries(ROWS)) {
      for (const probe of row(ctx)) {
        for (const [v, token] of viewers) {
          const who = `${v}${token ? ' (read token)' : ''}`;
          const res = await get(probe.url, v, token);
          checked++;
          if (res.status >= 500) problems.push(`${route} ${probe.url} as ${who}: ${res.status}`);
          for (const m of Object.keys(M) as Marker[]) {
            if (!MAY_SEE[m](v) && res.text.includes(M[m])) problems.push(`${route} ${probe.url} as ${who}: shows ${m} ("${M[m]}")`);
          }
          const readable = probe.publication ? probe.topic === 'open' : (probe.item ? readsItem(v, probe.item) : true) && (probe.topic ? readsTopic(v, probe.topic) : true);
          // A readable topic may still refuse a feature by role (403: members list, history); an unreadable one is 404.
          if (!readable && res.status !== 404 && res.status !== 401 && !(res.status >= 300 && res.status < 400)) problems.push(`${route} ${probe.url} as ${who}: ${res.status}, expected 404`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });

  it.skipIf(!available)('lists and counts hold exactly the readable items', async () => {
    for (const [v, token] of viewers) {
      const readable = (Object.keys(ITEM_TOPICS) as ItemKey[]).filter((k) => readsItem(v, k));
      const headers = { accept: 'application/json', ...as(v, token) };
      const json = async (url: string) => (await (await app.request(url, { headers })).json()) as any;

      const items = (await json('/api/v1/items?limit=50')).items as { id: number; cluster: { sources: number } }[];
      expect(items.map((i) => i.id).sort(), `items as ${v}`).toEqual(readable.map((k) => ctx.items[k]).sort());
      const pub = items.find((i) => i.id === ctx.items.pub)!;
      expect(pub.cluster.sources, `"also reported by" as ${v}`).toBe(readsClosed(v) ? 2 : 1);

      const search = await json('/api/v1/search?q=vigilword&limit=50');
      expect(search.hits.map((h: { id: number }) => h.id).sort(), `search hits as ${v}`).toEqual(readable.map((k) => ctx.items[k]).sort());
      expect(search.total, `search total as ${v}`).toBe(readable.length);
      const topicFacet = search.facets.topic as Record<string, number>;
      const expectedTopics: Record<string, number> = {};
      for (const k of readable) for (const t of ITEM_TOPICS[k]) if (readsTopic(v, t) || t === 'open') expectedTopics[t] = (expectedTopics[t] ?? 0) + 1;
      // An item's other topics are counted only when the viewer reads them.
      for (const t of Object.keys(expectedTopics)) if (!readsTopic(v, t)) delete expectedTopics[t];
      expect(topicFacet, `topic facet as ${v}`).toEqual(expectedTopics);
      expect(Object.keys(search.facets.source).sort(), `source facet as ${v}`).toEqual([...new Set(readable.map((k) => (k === 'sibling' ? 'priv' : k)))].sort());

      const sources = (await json('/api/v1/sources')).sources as { slug: string }[];
      const expectedSources = ['pub', 'both', ...(readsClosed(v) ? ['priv'] : []), ...(readsOther(v) ? ['other'] : [])];
      expect(sources.map((s) => s.slug).sort(), `sources as ${v}`).toEqual(expectedSources.sort());

      const stream = await (await app.request('/', { headers: { accept: 'text/html', ...as(v, token) } })).text();
      for (const k of readable) expect(stream, `stream as ${v} shows ${k}`).toContain(M[ITEM_TITLE[k]]);
    }
  });

  it.skipIf(!available)('an approval made in a members-only topic is not republished in a public topic the item is also in', async () => {
    for (const url of ['/t/open', '/t/open/feed.atom', '/t/open/feed.rss', '/t/open/feed.json', '/public/feed.atom', '/public', '/sitemap.xml', '/t/open/widget', `/t/open/i/${ctx.items.both}`]) {
      const res = await get(url, 'anonymous');
      expect(res.text, url).not.toContain(M.bothTitle);
      expect(res.text, url).not.toContain(M.closedApprovalNote);
    }
    const page = await get('/t/open', 'anonymous');
    expect(page.text).toContain(M.pubTitle);
    expect(page.text).toContain(M.pubApprovalNote);
  });
});
