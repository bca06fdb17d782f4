import type { Sqlite } from '../db/client.js';
import { hashSecret, randomSecret } from './secrets.js';

export const TOKEN_PREFIX = 'vgt_';
export type TokenScope = 'read' | 'curate';

export interface TokenInfo {
  id: number;
  name: string;
  prefix: string;
  scope: TokenScope;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

const COLUMNS = `id, name, prefix, scope, created_at AS createdAt, expires_at AS expiresAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt`;

/** Creates a bearer token; the secret is returned once and only its hash is kept. */
export function createApiToken(sqlite: Sqlite, userId: number, t: { name: string; scope: TokenScope; expiresAt?: number | null }, now: number): { token: TokenInfo; secret: string } {
  const secret = randomSecret(TOKEN_PREFIX);
  const prefix = secret.slice(0, TOKEN_PREFIX.length + 6);
  const id = Number(
    sqlite
      .prepare(`INSERT INTO api_tokens (user_id, name, token_hash, prefix, scope, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(userId, t.name, hashSecret(secret), prefix, t.scope, now, t.expiresAt ?? null).lastInsertRowid,
  );
  return { token: getToken(sqlite, id)!, secret };
}

function getToken(sqlite: Sqlite, id: number): TokenInfo | null {
  return (sqlite.prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE id = ?`).get(id) as TokenInfo | undefined) ?? null;
}

/** The live token a bearer secret names, or null (unknown, forged, revoked, expired, or its user removed). */
export function resolveApiToken(sqlite: Sqlite, secret: string, now: number): { id: number; userId: number; scope: TokenScope } | null {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const row = sqlite
    .prepare(
      `SELECT t.id, t.user_id AS userId, t.scope, t.expires_at AS expiresAt, t.revoked_at AS revokedAt, t.last_used_at AS lastUsedAt
       FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND u.deleted_at IS NULL`,
    )
    .get(hashSecret(secret)) as { id: number; userId: number; scope: TokenScope; expiresAt: number | null; revokedAt: number | null; lastUsedAt: number | null } | undefined;
  if (!row || row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= now)) return null;
  if (row.lastUsedAt === null || now - row.lastUsedAt > 60_000) sqlite.prepare(`UPDATE api_tokens SET last_used_at = ? WHERE id = ?`).run(now, row.id);
  return { id: row.id, userId: row.userId, scope: row.scope };
}

export function listTokens(sqlite: Sqlite, userId: number): TokenInfo[] {
  return sqlite.prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE user_id = ? ORDER BY id DESC`).all(userId) as TokenInfo[];
}

export function tokenOwner(sqlite: Sqlite, id: number): number | null {
  return (sqlite.prepare(`SELECT user_id FROM api_tokens WHERE id = ?`).pluck().get(id) as number | undefined) ?? null;
}

export function revokeToken(sqlite: Sqlite, id: number, now: number): boolean {
  return sqlite.prepare(`UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`).run(now, id).changes > 0;
}

export function tokenJson(t: TokenInfo) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return { id: t.id, name: t.name, prefix: t.prefix, scope: t.scope, createdAt: iso(t.createdAt)!, expiresAt: iso(t.expiresAt), lastUsedAt: iso(t.lastUsedAt), revoked: t.revokedAt !== null };
}
