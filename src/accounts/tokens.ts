import type { Sqlite } from '../db/client.js';
import { insertToken, revokeTokenRow, revokeTokensOf, tokenById, tokenByHash, tokenOwnerId, tokensOf, touchToken } from '../db/accounts/tokens.js';
import { hashSecret, randomSecret } from './secrets.js';
import type { TokenInfo, TokenScope } from './types.js';

export type { TokenInfo, TokenScope } from './types.js';
export const TOKEN_PREFIX = 'vgt_';

/** Creates a bearer token; the secret is returned once and only its hash is kept. */
export function createApiToken(sqlite: Sqlite, userId: number, t: { name: string; scope: TokenScope; expiresAt?: number | null }, now: number): { token: TokenInfo; secret: string } {
  const secret = randomSecret(TOKEN_PREFIX);
  const prefix = secret.slice(0, TOKEN_PREFIX.length + 6);
  const id = insertToken(sqlite, { userId, name: t.name, tokenHash: hashSecret(secret), prefix, scope: t.scope, expiresAt: t.expiresAt ?? null }, now);
  return { token: tokenById(sqlite, id)!, secret };
}

/** The live token a bearer secret names, or null (unknown, forged, revoked, expired, or its user removed). */
export function resolveApiToken(sqlite: Sqlite, secret: string, now: number): { id: number; userId: number; scope: TokenScope } | null {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const row = tokenByHash(sqlite, hashSecret(secret));
  if (!row || row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt <= now)) return null;
  if (row.lastUsedAt === null || now - row.lastUsedAt > 60_000) touchToken(sqlite, row.id, now);
  return { id: row.id, userId: row.userId, scope: row.scope };
}

export function listTokens(sqlite: Sqlite, userId: number): TokenInfo[] {
  return tokensOf(sqlite, userId);
}

export function tokenOwner(sqlite: Sqlite, id: number): number | null {
  return tokenOwnerId(sqlite, id);
}

export function revokeToken(sqlite: Sqlite, id: number, now: number): boolean {
  return revokeTokenRow(sqlite, id, now);
}

/** Revokes every token of the account (password reset, removal); returns how many were live. */
export function revokeUserTokens(sqlite: Sqlite, userId: number, now: number): number {
  return revokeTokensOf(sqlite, userId, now);
}

export function tokenJson(t: TokenInfo) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return { id: t.id, name: t.name, prefix: t.prefix, scope: t.scope, createdAt: iso(t.createdAt)!, expiresAt: iso(t.expiresAt), lastUsedAt: iso(t.lastUsedAt), revoked: t.revokedAt !== null };
}
