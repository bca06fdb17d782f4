/**
 * Accounts for tests: real rows, real argon2 hash (computed once per process), real sessions and tokens, and a
 * small client that calls `app.request()` the way a browser (cookie + CSRF header) or a script (bearer) would.
 */
import { hash } from '@node-rs/argon2';
import { createSession, SESSION_COOKIE } from '../../src/accounts/sessions.js';
import { createApiToken } from '../../src/accounts/tokens.js';
import type { GlobalRole, TopicRole } from '../../src/accounts/types.js';
import type { Sqlite } from '../../src/db/client.js';
import type { App } from '../../src/http/types.js';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;

export interface TestUser {
  id: number;
  email: string;
  displayName: string;
  /** `vigie_session=…` for a Cookie header. */
  cookie: string;
  csrf: string;
  /** Creates a bearer token for this user. */
  token(scope?: 'read' | 'curate'): string;
}

export interface NewTestUser {
  email: string;
  displayName?: string;
  role?: GlobalRole;
  /** Topic slug → role; `'*'` = every topic. */
  topics?: Record<string, TopicRole>;
}

/** Inserts an account with TEST_PASSWORD, its memberships, and opens a session for it. */
export async function addTestUser(sqlite: Sqlite, u: NewTestUser, now = Date.now()): Promise<TestUser> {
  passwordHash ??= hash(TEST_PASSWORD);
  const displayName = u.displayName ?? u.email.split('@')[0]!;
  const id = Number(
    sqlite
      .prepare(`INSERT INTO users (email, display_name, password_hash, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(u.email, displayName, await passwordHash, u.role ?? 'member', now, now).lastInsertRowid,
  );
  for (const [slug, role] of Object.entries(u.topics ?? {})) {
    const topicId = slug === '*' ? null : (sqlite.prepare(`SELECT id FROM topics WHERE slug = ?`).pluck().get(slug) as number | undefined);
    if (topicId === undefined) throw new Error(`addTestUser: unknown topic ${slug}`);
    sqlite.prepare(`INSERT INTO memberships (user_id, topic_id, role, created_at) VALUES (?, ?, ?, ?)`).run(id, topicId, role, now);
  }
  const s = createSession(sqlite, id, now);
  return {
    id,
    email: u.email,
    displayName,
    cookie: `${SESSION_COOKIE}=${s.secret}`,
    csrf: s.csrfToken,
    token: (scope = 'curate') => createApiToken(sqlite, id, { name: 'test', scope }, now).secret,
  };
}

export interface CallOptions {
  as?: TestUser | null;
  /** How to authenticate `as`: the session cookie (with the CSRF header unless csrf: false) or a bearer token. */
  via?: 'cookie' | 'token';
  csrf?: boolean;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One API call; returns status, parsed JSON (or null) and headers. */
export async function call(app: App, method: string, path: string, o: CallOptions = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.body !== undefined) headers['content-type'] ??= 'application/json';
  if (o.as) {
    if (o.via === 'token') headers.authorization = `Bearer ${o.as.token('curate')}`;
    else {
      headers.cookie = o.as.cookie;
      if (o.csrf !== false) headers['x-csrf-token'] = o.as.csrf;
    }
  }
  const res = await app.request(path, { method, headers, body: o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body) });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: res.status, body, headers: res.headers };
}
