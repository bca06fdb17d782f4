import type { Sqlite } from '../client.js';

export type AppPasswordScope = 'read' | 'curate';

export interface AppPasswordRow {
  id: number;
  userId: number;
  name: string;
  scope: AppPasswordScope;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

const COLUMNS = `p.id, p.user_id AS userId, p.name, p.scope, p.created_at AS createdAt, p.last_used_at AS lastUsedAt, p.revoked_at AS revokedAt`;

export function insertAppPassword(sqlite: Sqlite, p: { userId: number; name: string; scope: AppPasswordScope; secretHash: string; feverKey: string; now: number }): number {
  return Number(
    sqlite
      .prepare(`INSERT INTO app_passwords (user_id, name, secret_hash, fever_key, scope, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(p.userId, p.name, p.secretHash, p.feverKey, p.scope, p.now).lastInsertRowid,
  );
}

export function getAppPassword(sqlite: Sqlite, id: number): AppPasswordRow | null {
  return (sqlite.prepare(`SELECT ${COLUMNS} FROM app_passwords p WHERE p.id = ?`).get(id) as AppPasswordRow | undefined) ?? null;
}

export function listAppPasswords(sqlite: Sqlite, userId: number): AppPasswordRow[] {
  return sqlite.prepare(`SELECT ${COLUMNS} FROM app_passwords p WHERE p.user_id = ? AND p.revoked_at IS NULL ORDER BY p.id`).all(userId) as AppPasswordRow[];
}

/** A live app password by its secret's hash, for a live account with this e-mail (lower-cased). */
export function findLiveBySecret(sqlite: Sqlite, email: string, secretHash: string): (AppPasswordRow & { email: string }) | null {
  return (
    (sqlite
      .prepare(`SELECT ${COLUMNS}, u.email FROM app_passwords p JOIN users u ON u.id = p.user_id WHERE p.secret_hash = ? AND lower(u.email) = ? AND u.deleted_at IS NULL AND p.revoked_at IS NULL`)
      .get(secretHash, email) as (AppPasswordRow & { email: string }) | undefined) ?? null
  );
}

/** A live app password by its Fever api_key (md5 of "email:password"). */
export function findLiveByFeverKey(sqlite: Sqlite, feverKey: string): AppPasswordRow | null {
  return (
    (sqlite
      .prepare(`SELECT ${COLUMNS} FROM app_passwords p JOIN users u ON u.id = p.user_id WHERE p.fever_key = ? AND u.deleted_at IS NULL AND p.revoked_at IS NULL`)
      .get(feverKey) as AppPasswordRow | undefined) ?? null
  );
}

/** The live app password an auth token names (by id); the caller checks the token's MAC. */
export function findLiveById(sqlite: Sqlite, id: number): (AppPasswordRow & { secretHash: string }) | null {
  return (
    (sqlite
      .prepare(`SELECT ${COLUMNS}, p.secret_hash AS secretHash FROM app_passwords p JOIN users u ON u.id = p.user_id WHERE p.id = ? AND u.deleted_at IS NULL AND p.revoked_at IS NULL`)
      .get(id) as (AppPasswordRow & { secretHash: string }) | undefined) ?? null
  );
}

export function touchAppPassword(sqlite: Sqlite, id: number, now: number): void {
  sqlite.prepare(`UPDATE app_passwords SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)`).run(now, id, now - 60_000);
}

export function revokeAppPassword(sqlite: Sqlite, userId: number, id: number, now: number): boolean {
  return sqlite.prepare(`UPDATE app_passwords SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL`).run(now, id, userId).changes > 0;
}
