/**
 * Stand-ins on 127.0.0.1 for the remote services Vigie posts to, answering with the request and response shapes
 * their public API documentation gives: a webhook receiver that verifies X-Vigie-Signature, a Slack incoming webhook
 * (`ok`), Matrix's client-server API (`PUT …/send/m.room.message/{txnId}` → `{event_id}`, deduplicated per txnId),
 * ntfy (`POST /<topic>` → the message JSON), Mastodon (`GET /api/v1/instance`, `POST /api/v1/statuses` honouring
 * `Idempotency-Key`, `DELETE /api/v1/statuses/:id`), Bluesky (`com.atproto.server.createSession`,
 * `com.atproto.repo.createRecord` / `getRecord` / `deleteRecord`). Each can be told to fail for a while.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Fakes {
  url: string;
  received: Received[];
  /** Answers the next `n` requests under `prefix` with `status` (and headers). */
  failNext(prefix: string, n: number, status: number, headers?: Record<string, string>): void;
  webhookSecret: string | null;
  signatureOk: boolean[];
  mastodonStatuses: Map<string, { id: string; status: string; deleted: boolean }>;
  blueskyRecords: Map<string, Record<string, unknown>>;
  matrixEvents: Map<string, { body: Record<string, unknown> }>;
  /** Forgets everything the stand-ins hold (between tests). */
  reset(): void;
  close(): Promise<void>;
}

export async function startFakes(): Promise<Fakes> {
  const received: Received[] = [];
  const failures: { prefix: string; n: number; status: number; headers: Record<string, string> }[] = [];
  const mastodonStatuses = new Map<string, { id: string; status: string; deleted: boolean }>();
  const byIdempotency = new Map<string, string>();
  const blueskyRecords = new Map<string, Record<string, unknown>>();
  const matrixEvents = new Map<string, { body: Record<string, unknown> }>();
  const fakes = { webhookSecret: null as string | null, signatureOk: [] as boolean[] };
  let n = 0;

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const path = url.pathname;
      received.push({ method: req.method ?? '', path: `${path}${url.search}`, headers: req.headers, body });
      const fail = failures.find((f) => path.startsWith(f.prefix) && f.n > 0);
      if (fail) {
        fail.n--;
        return send(res, fail.status, { error: 'unavailable' }, fail.headers);
      }
      const j = () => JSON.parse(body || '{}') as Record<string, unknown>;
      if (path === '/hook') {
        const sig = req.headers['x-vigie-signature'];
        fakes.signatureOk.push(fakes.webhookSecret !== null && sig === `sha256=${createHmac('sha256', fakes.webhookSecret).update(body).digest('hex')}`);
        return send(res, 204, '');
      }
      if (path === '/slack/hook') return send(res, 200, 'ok');
      const mx = /^\/_matrix\/client\/v3\/rooms\/([^/]+)\/send\/m\.room\.message\/([^/]+)$/.exec(path);
      if (mx && req.method === 'PUT') {
        if (req.headers.authorization !== 'Bearer mx-token') return send(res, 401, { errcode: 'M_UNKNOWN_TOKEN', error: 'Invalid access token' });
        const key = `${decodeURIComponent(mx[1]!)}|${decodeURIComponent(mx[2]!)}`;
        if (!matrixEvents.has(key)) matrixEvents.set(key, { body: j() });
        return send(res, 200, { event_id: `$${Buffer.from(key).toString('base64url')}` });
      }
      if (path.startsWith('/ntfy/')) return send(res, 200, { id: `n${++n}`, time: 1, event: 'message', topic: path.slice(6), message: body });
      if (path === '/mastodon/api/v1/instance') return send(res, 200, { uri: 'masto.test', configuration: { statuses: { max_characters: 500, characters_reserved_per_url: 23 } } });
      if (path === '/mastodon/api/v1/statuses' && req.method === 'POST') {
        if (req.headers.authorization !== 'Bearer masto-token') return send(res, 401, { error: 'The access token is invalid' });
        const key = String(req.headers['idempotency-key'] ?? '');
        const seen = key ? byIdempotency.get(key) : undefined;
        if (seen) return send(res, 200, { id: seen, url: `https://masto.test/@net/${seen}`, content: mastodonStatuses.get(seen)!.status });
        const id = String(100 + ++n);
        const status = String(j().status);
        if ([...status.replace(/https?:\/\/\S+/g, 'x'.repeat(23))].length > 500) return send(res, 422, { error: 'Validation failed: Text character limit of 500 exceeded' });
        mastodonStatuses.set(id, { id, status, deleted: false });
        if (key) byIdempotency.set(key, id);
        return send(res, 200, { id, url: `https://masto.test/@net/${id}`, content: status, visibility: j().visibility });
      }
      const del = /^\/mastodon\/api\/v1\/statuses\/(\w+)$/.exec(path);
      if (del && req.method === 'DELETE') {
        const s = mastodonStatuses.get(del[1]!);
        if (!s || s.deleted) return send(res, 404, { error: 'Record not found' });
        s.deleted = true;
        return send(res, 200, { id: s.id, text: s.status });
      }
      if (path === '/bsky/xrpc/com.atproto.server.createSession') {
        const b = j();
        if (b.identifier !== 'net.bsky.test' || b.password !== 'app-pass-1234') return send(res, 401, { error: 'AuthenticationRequired', message: 'Invalid identifier or password' });
        return send(res, 200, { accessJwt: 'jwt-access', refreshJwt: 'jwt-refresh', handle: 'net.bsky.test', did: 'did:plc:network' });
      }
      if (path === '/bsky/xrpc/com.atproto.repo.createRecord') {
        if (req.headers.authorization !== 'Bearer jwt-access') return send(res, 401, { error: 'AuthenticationRequired' });
        const b = j();
        const uri = `at://${String(b.repo)}/${String(b.collection)}/${String(b.rkey ?? `auto${++n}`)}`;
        if (blueskyRecords.has(uri)) return send(res, 500, { error: 'InternalServerError', message: 'Internal Server Error' });
        blueskyRecords.set(uri, b.record as Record<string, unknown>);
        return send(res, 200, { uri, cid: `bafy${n}` });
      }
      if (path === '/bsky/xrpc/com.atproto.repo.getRecord') {
        const uri = `at://${url.searchParams.get('repo')}/${url.searchParams.get('collection')}/${url.searchParams.get('rkey')}`;
        return blueskyRecords.has(uri) ? send(res, 200, { uri, cid: 'bafy', value: blueskyRecords.get(uri) }) : send(res, 400, { error: 'RecordNotFound' });
      }
      if (path === '/bsky/xrpc/com.atproto.repo.deleteRecord') {
        const b = j();
        blueskyRecords.delete(`at://${String(b.repo)}/${String(b.collection)}/${String(b.rkey)}`);
        return send(res, 200, {});
      }
      send(res, 404, { error: 'no such route' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fakes, {
    url: `http://127.0.0.1:${port}`,
    received,
    failNext: (prefix: string, count: number, status: number, headers: Record<string, string> = {}) => void failures.push({ prefix, n: count, status, headers }),
    mastodonStatuses,
    blueskyRecords,
    matrixEvents,
    reset() {
      received.length = 0;
      failures.length = 0;
      fakes.signatureOk.length = 0;
      mastodonStatuses.clear();
      byIdempotency.clear();
      blueskyRecords.clear();
      matrixEvents.clear();
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  });
}
