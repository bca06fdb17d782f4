/** Owner of `api_tokens`. */
import type { TokenInfo, TokenScope } from '../../accounts/types.js';
import type { Sqlite } from '../client.js';

const COLUMNS = `id, name, prefix, scope, created_at AS createdAt, expires_at AS expiresAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt`;

export function insertToken(sqlite: Sqlite, t: { userId: number; name: string; tokenHash: string; prefix: string; scope: TokenScope; expiresAt: number | null }, now: number): number {
  return Number(
    sqlite
      .prepare(`INSERT INTO api_tokens (user_id, name, token_hash, prefix, scope, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(t.userId, t.name, t.tokenHash, t.prefix, t.scope, now, t.expiresAt).lastInsertRowid,
  );
}

export function tokenById(sqlite: Sqlite, id: number): TokenInfo | null {
  return (sqlite.prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE id = ?`).get(id) as TokenInfo | undefined) ?? null;
}

/** The token a bearer secret's hash names, if its user is not removed. */
export function tokenByHash(sqlite: Sqlite, tokenHash: string): { id: number; userId: number; scope: TokenScope; expiresAt: number | null; revokedAt: number | null; lastUsedAt: number | null } | null {
  return (
    (sqlite
      .prepare(
        `SELECT t.id, t.user_id AS userId, t.scope, t.expires_at AS expiresAt, t.revoked_at AS revokedAt, t.last_used_at AS lastUsedAt
         FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND u.deleted_at IS NULL`,
      )
      .get(tokenHash) as { id: number; userId: number; scope: TokenScope; expiresAt: number | null; revokedAt: number | null; lastUsedAt: number | null } | undefined) ?? null
  );
}

export function touchToken(sqlite: Sqlite, id: number, now: number): void {
  sqlite.prepare(`UPDATE api_tokens SET last_used_at = ? WHERE id = ?`).run(now, id);
}

export function tokensOf(sqlite: Sqlite, userId: number): TokenInfo[] {
  return sqlite.prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE user_id = ? ORDER BY id DESC`).all(userId) as TokenInfo[];
}

export function tokenOwnerId(sqlite: Sqlite, id: number): number | null {
  return (sqlite.prepare(`SELECT user_id FROM api_tokens WHERE id = ?`).pluck().get(id) as number | undefined) ?? null;
}

export function revokeTokenRow(sqlite: Sqlite, id: number, now: number): boolean {
  return sqlite.prepare(`UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`).run(now, id).changes > 0;
}

/** Revokes every live token of the user; returns how many. */
export function revokeTokensOf(sqlite: Sqlite, userId: number, now: number): number {
  return sqlite.prepare(`UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`).run(now, userId).changes;
}
