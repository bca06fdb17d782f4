/**
 * Google Reader API conversations over real HTTP, in the order the clients send them: NetNewsWire's ReaderAPI
 * caller (ClientLogin, token, subscription/list, tag/list, item ids by stream with continuations, contents by POSTed
 * ids in batches, edit-tag), ReadYou (user-info, unread-count, ids since `ot`), Fluent Reader (stream/contents with
 * continuations, mark-all-as-read). Then the same state seen from the web, and the web's changes in the next sync.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { call } from '../helpers/accounts.js';
import { makeReaderNetwork, type ReaderNetwork } from './fixture.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let net: ReaderNetwork;
let password: string;
beforeAll(async () => {
  net = await makeReaderNetwork();
  password = await net.appPassword(net.reader, 'curate');
});
afterAll(() => net.close());

const G = '/api/greader';
const API = `${G}/reader/api/0`;

async function clientLogin(email: string, pass: string, json = false) {
  const body = new URLSearchParams({ Email: email, Passwd: pass, ...(json ? { output: 'json' } : {}) });
  return fetch(`${net.url}${G}/accounts/ClientLogin`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

async function auth(): Promise<string> {
  const res = await clientLogin('reader@example.org', password);
  expect(res.status).toBe(200);
  const text = await res.text();
  return /^Auth=(.+)$/m.exec(text)![1]!;
}

function client(token: string) {
  const headers = { authorization: `GoogleLogin auth=${token}` };
  return {
    get: (path: string) => fetch(`${net.url}${API}${path}`, { headers }),
    json: async (path: string) => {
      const r = await fetch(`${net.url}${API}${path}`, { headers });
      expect(r.status, `${path}: ${r.status}`).toBe(200);
      return (await r.json()) as any;
    },
    post: (path: string, form: [string, string][]) =>
      fetch(`${net.url}${API}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) }),
  };
}

/** Follows continuations the way NetNewsWire does (n=1000) until the end. */
async function allIds(c: ReturnType<typeof client>, query: string): Promise<string[]> {
  const ids: string[] = [];
  let cont: string | undefined;
  for (let page = 0; page < 100; page++) {
    const body = await c.json(`/stream/items/ids?${query}&n=1000&output=json${cont ? `&c=${encodeURIComponent(cont)}` : ''}`);
    ids.push(...body.itemRefs.map((r: { id: string }) => r.id));
    if (body.continuation === undefined) break;
    expect(typeof body.continuation).toBe('string');
    cont = body.continuation;
  }
  return ids;
}

describe('signing in', () => {
  it('takes the e-mail and an app password, never the login password, and gives the same token every time', async () => {
    const first = await auth();
    expect(await auth()).toBe(first);
    const json = await clientLogin('reader@example.org', password, true);
    expect(((await json.json()) as { Auth: string }).Auth).toBe(first);
    expect((await clientLogin('reader@example.org', 'correct horse battery staple')).status).toBe(401);
    expect((await clientLogin('reader@example.org', 'wrong-wrong-wrong')).status).toBe(401);
  });

  it('answers a bad or revoked token with 401 and X-Reader-Google-Bad-Token', async () => {
    const res = await client('1/0000000000000000000000000000000000000000').get('/subscription/list?output=json');
    expect(res.status).toBe(401);
    expect(res.headers.get('x-reader-google-bad-token')).toBe('true');
    const spare = await net.appPassword(net.reader);
    const login = await clientLogin('reader@example.org', spare);
    const token = /^Auth=(.+)$/m.exec(await login.text())![1]!;
    expect((await client(token).get('/user-info?output=json')).status).toBe(200);
    const list = (await call(net.app, 'GET', '/api/v1/app-passwords', { as: net.reader })).body.appPasswords as { id: number }[];
    await call(net.app, 'DELETE', `/api/v1/app-passwords/${list[list.length - 1]!.id}`, { as: net.reader });
    expect((await client(token).get('/user-info?output=json')).status).toBe(401);
    expect((await clientLogin('reader@example.org', spare)).status).toBe(401);
  });

  it('throttles repeated wrong passwords for one account and address', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 12; n++) statuses.push((await clientLogin('nobody@example.org', `nope-${n}`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[11]).toBe(429);
  });
});

describe('NetNewsWire-style sync', () => {
  it('lists subscriptions and folders the member reads, with no secret in URLs', async () => {
    const c = client(await auth());
    const token = await (await c.get('/token')).text();
    expect(token).toMatch(/^[0-9a-f]{57}$/);
    const subs = (await c.json('/subscription/list?output=json')).subscriptions as { id: string; title: string; url: string; categories: { label: string }[] }[];
    expect(subs.map((s) => s.title).sort()).toEqual(['Closed source', 'Open source']);
    expect(subs.find((s) => s.title === 'Closed source')!.url).not.toContain('SecretKey123');
    expect(subs.find((s) => s.title === 'Closed source')!.categories.map((x) => x.label)).toEqual(['Closed topic']);
    const tags = (await c.json('/tag/list?output=json')).tags.map((t: { id: string }) => t.id);
    expect(tags).toEqual(expect.arrayContaining(['user/-/state/com.google/starred', 'user/-/label/Open topic', 'user/-/label/Closed topic']));
    expect(tags).not.toContain('user/-/label/Other topic');
  });

  it('syncs more than 1,000 items through continuations, each once, and fetches their contents in batches', async () => {
    const c = client(await auth());
    const ids = await allIds(c, 's=user/-/state/com.google/reading-list');
    expect(ids.length).toBe(1300);
    expect(new Set(ids).size).toBe(1300);
    expect(ids.every((id) => /^\d+$/.test(id))).toBe(true);
    const token = await (await c.get('/token')).text();
    const batch = ids.slice(0, 150);
    const res = await c.post('/stream/items/contents?output=json', [...batch.map((i): [string, string] => ['i', i]), ['T', token]]);
    expect(res.status).toBe(200);
    const items = ((await res.json()) as { items: any[] }).items;
    expect(items).toHaveLength(150);
    const one = items[0];
    expect(one.id).toMatch(/^tag:google\.com,2005:reader\/item\/[0-9a-f]{16}$/);
    expect(BigInt(`0x${one.id.slice(-16)}`).toString()).toBe(batch[0]);
    expect(one.alternate[0].href).toMatch(/^https:\/\//);
    expect(one.categories).toContain('user/-/state/com.google/reading-list');
    expect(one.origin.streamId).toMatch(/^feed\/\d+$/);
    // Sanitised as on the web: no script, no event handler; links absolute.
    const closed = items.find((i) => i.origin.title === 'Closed source') ?? (await (await c.post('/stream/items/contents', ids.slice(-5).map((i): [string, string] => ['i', i]))).json() as { items: any[] }).items[0];
    expect(closed.summary.content).not.toMatch(/<script|onerror/i);
    for (const m of String(one.summary.content).matchAll(/href="([^"]+)"/g)) expect(m[1]).toMatch(/^https?:\/\//);
  });

  it('accepts the four id forms and ignores unknown or malformed ones', async () => {
    const c = client(await auth());
    const [id] = await allIds(c, 's=feed/1');
    const n = Number(id);
    const hex = n.toString(16).padStart(16, '0');
    const forms = [`tag:google.com,2005:reader/item/${hex}`, `tag:google.com,2005:reader/item/${n.toString(16)}`, hex, String(n), '999999999', 'not-an-id', '-'];
    const res = await c.post('/stream/items/contents', forms.map((f): [string, string] => ['i', f]));
    expect(res.status).toBe(200);
    const items = ((await res.json()) as { items: { id: string }[] }).items;
    expect(items.map((i) => i.id)).toEqual([`tag:google.com,2005:reader/item/${hex}`]);
  });

  it('marks read and starred idempotently; the web shows it; the web’s changes show in the next sync', async () => {
    const c = client(await auth());
    const token = await (await c.get('/token')).text();
    const closedUnread = 's=user/-/label/Closed topic&xt=user/-/state/com.google/read';
    const unread = await allIds(c, closedUnread);
    const [a, b, s] = unread as [string, string, string];
    for (let twice = 0; twice < 2; twice++) {
      expect((await c.post('/edit-tag', [['i', a], ['a', 'user/-/state/com.google/read'], ['T', token]])).status).toBe(200);
      expect((await c.post('/edit-tag', [['i', s], ['a', 'user/-/state/com.google/starred'], ['T', token]])).status).toBe(200);
    }
    expect(await allIds(c, 's=user/-/state/com.google/starred')).toEqual([s]);
    // The web: the stream shows item a as read, the starred list has s.
    const stream = await (await net.app.request('/?source=closed', { headers: { cookie: net.reader.cookie } })).text();
    expect(stream).toMatch(new RegExp(`<article class="item" data-item="${a}"`));
    expect(stream).toMatch(new RegExp(`<article class="item unread" data-item="${b}"`));
    const marks = await call(net.app, 'GET', '/api/v1/marks?mark=star', { as: net.reader });
    expect(JSON.stringify(marks.body)).toContain(`${s}`);
    // The web opens b and unstars s: the next sync sees both.
    await net.app.request(`/items/${b}`, { headers: { cookie: net.reader.cookie } });
    await call(net.app, 'DELETE', `/api/v1/items/${s}/marks/star`, { as: net.reader });
    const after = await allIds(c, closedUnread);
    expect(after).not.toContain(a);
    expect(after).not.toContain(b);
    expect(after.length).toBe(unread.length - 2);
    expect(await allIds(c, 's=user/-/state/com.google/starred')).toEqual([]);
    // Unread again through the app.
    await c.post('/edit-tag', [['i', a], ['r', 'user/-/state/com.google/read']]);
    expect(await allIds(c, closedUnread)).toContain(a);
  });

  it('refuses a wrong edit token', async () => {
    const c = client(await auth());
    const res = await c.post('/edit-tag', [['i', '1'], ['a', 'user/-/state/com.google/read'], ['T', 'x'.repeat(57)]]);
    expect(res.status).toBe(401);
    expect(res.headers.get('x-reader-google-bad-token')).toBe('true');
  });
});

describe('ReadYou- and Fluent-Reader-style sync', () => {
  it('reads user-info and unread counts per feed, folder and the reading list', async () => {
    const c = client(await auth());
    const info = await c.json('/user-info?output=json');
    expect(info.userName).toBe('Rita Reader');
    expect(info.userEmail.toLowerCase()).toBe('reader@example.org');
    const counts = (await c.json('/unread-count?output=json')).unreadcounts as { id: string; count: number }[];
    const total = counts.find((x) => x.id === 'user/-/state/com.google/reading-list')!.count;
    const unread = await allIds(c, 's=user/-/state/com.google/reading-list&xt=user/-/state/com.google/read');
    expect(total).toBe(unread.length);
    expect(counts.find((x) => x.id === 'user/-/label/Closed topic')!.count).toBeGreaterThan(0);
    expect(counts.some((x) => x.id === 'user/-/label/Other topic')).toBe(false);
  });

  it('pages stream/contents by continuation, oldest first with r=o, and filters by ot/nt on storing time', async () => {
    const c = client(await auth());
    const seen: string[] = [];
    let cont: string | undefined;
    do {
      const body = await c.json(`/stream/contents/${encodeURIComponent('user/-/label/Closed topic')}?output=json&n=250&r=o${cont ? `&c=${cont}` : ''}`);
      seen.push(...body.items.map((i: { id: string }) => i.id));
      cont = body.continuation;
    } while (cont);
    expect(seen).toHaveLength(600);
    expect([...seen].sort()).toEqual(seen);
    const future = Math.floor(Date.now() / 1000) + 3600;
    expect((await c.json(`/stream/items/ids?s=user/-/state/com.google/reading-list&ot=${future}&n=100`)).itemRefs).toEqual([]);
    expect((await c.json(`/stream/items/ids?s=user/-/state/com.google/reading-list&nt=1000&n=100`)).itemRefs).toEqual([]);
  });

  it('marks a whole folder read with mark-all-as-read', async () => {
    const c = client(await auth());
    const ts = `${Date.now()}000`;
    expect((await c.post('/mark-all-as-read', [['s', 'user/-/label/Open topic'], ['ts', ts]])).status).toBe(200);
    const unreadOpen = await allIds(c, 's=user/-/label/Open topic&xt=user/-/state/com.google/read');
    expect(unreadOpen).toEqual([]);
    expect((await allIds(c, 's=user/-/label/Closed topic&xt=user/-/state/com.google/read')).length).toBeGreaterThan(500);
  });
});

describe('what an app may not do or see', () => {
  it('a member of another topic never sees the members-only topic’s sources or items', async () => {
    const pw = await net.appPassword(net.stranger);
    const login = await clientLogin('stranger@example.org', pw);
    const c = client(/^Auth=(.+)$/m.exec(await login.text())![1]!);
    const subs = (await c.json('/subscription/list?output=json')).subscriptions.map((s: { title: string }) => s.title);
    expect(subs.sort()).toEqual(['Open source', 'Other source']);
    const ids = await allIds(c, 's=user/-/state/com.google/reading-list');
    expect(ids).toHaveLength(705);
    const closedIds = await allIds(client(await auth()), 's=user/-/label/Closed topic');
    const res = await c.post('/stream/items/contents', closedIds.slice(0, 20).map((i): [string, string] => ['i', i]));
    expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
    expect((await c.get(`/stream/items/ids?s=${encodeURIComponent('user/-/label/Closed topic')}`)).status).toBe(404);
    expect((await c.get(`/stream/contents/feed/2`)).status).toBe(404);
  });

  it('handles bad input: unknown stream, n=0, n=100000, a huge repeated i', async () => {
    const c = client(await auth());
    expect((await c.get('/stream/items/ids?s=user/-/label/Nope')).status).toBe(404);
    expect((await c.json('/stream/items/ids?s=user/-/state/com.google/reading-list&n=0')).itemRefs).toHaveLength(20);
    expect((await c.json('/stream/items/ids?s=user/-/state/com.google/reading-list&n=100000')).itemRefs).toHaveLength(1300);
    expect((await c.get('/stream/items/ids?c=not-a-continuation')).status).toBe(400);
    const huge = Array.from({ length: 20_000 }, (_, n): [string, string] => ['i', String(n + 1)]);
    expect((await c.post('/stream/items/contents', huge)).status).toBe(400);
  });

  it('subscribing, renaming and removing subscriptions are a curator’s actions: refused for a member, clearly', async () => {
    const c = client(await auth());
    const res = await c.post('/subscription/edit', [['ac', 'unsubscribe'], ['s', 'feed/2']]);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/curator/);
    const quick = await c.post('/subscription/quickadd', [['quickadd', 'https://example.org/feed']]);
    expect(quick.status).toBe(403);
    expect((await c.post('/rename-tag', [['s', 'user/-/label/Closed topic'], ['dest', 'user/-/label/Renamed']])).status).toBe(403);
  });
});
