/**
 * App passwords: what reader apps sign in with (Google Reader and Fever APIs), never the login password. Shown once,
 * hashed at rest, scoped like API tokens (read: the member's own read state and stars; curate: also tags and
 * subscriptions), revocable. The Google Reader auth token is derived from the password's hash with a key only the
 * server holds, so it stays the same across logins (apps re-prompt otherwise) and dies with the password.
 */
import { createHash, createHmac } from 'node:crypto';
import {
  findLiveByFeverKey,
  findLiveById,
  findLiveBySecret,
  getAppPassword,
  insertAppPassword,
  listAppPasswords,
  revokeAppPassword,
  touchAppPassword,
  type AppPasswordRow,
  type AppPasswordScope,
} from '../db/accounts/app-passwords.js';
import type { Sqlite } from '../db/client.js';
import { hashSecret, normaliseEmail, randomSecret, sameSecret } from './secrets.js';

export type { AppPasswordRow, AppPasswordScope };

/** Readable, typeable in a phone app: 4 groups of 6 base-32 characters (120 bits). */
function newSecret(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
  const raw = randomSecret();
  let out = '';
  for (let i = 0; i < 24; i++) out += alphabet[raw.charCodeAt(i) % alphabet.length];
  return out.match(/.{6}/g)!.join('-');
}

export const feverKeyOf = (email: string, password: string) => createHash('md5').update(`${normaliseEmail(email)}:${password}`).digest('hex');

export function createAppPassword(sqlite: Sqlite, user: { id: number; email: string }, p: { name: string; scope: AppPasswordScope }, now: number): { appPassword: AppPasswordRow; password: string } {
  const password = newSecret();
  const id = insertAppPassword(sqlite, { userId: user.id, name: p.name, scope: p.scope, secretHash: hashSecret(password), feverKey: feverKeyOf(user.email, password), now });
  return { appPassword: getAppPassword(sqlite, id)!, password };
}

export { listAppPasswords };

export function revokeOwnAppPassword(sqlite: Sqlite, userId: number, id: number, now: number): boolean {
  return revokeAppPassword(sqlite, userId, id, now);
}

/** E-mail + app password (ClientLogin): the live app password, or null. */
export function checkAppPassword(sqlite: Sqlite, email: string, password: string, now: number): AppPasswordRow | null {
  const row = findLiveBySecret(sqlite, normaliseEmail(email), hashSecret(password.trim()));
  if (row) touchAppPassword(sqlite, row.id, now);
  return row;
}

/** Fever's api_key: the live app password, or null. */
export function checkFeverKey(sqlite: Sqlite, apiKey: string, now: number): AppPasswordRow | null {
  if (!/^[0-9a-f]{32}$/i.test(apiKey)) return null;
  const row = findLiveByFeverKey(sqlite, apiKey.toLowerCase());
  if (row) touchAppPassword(sqlite, row.id, now);
  return row;
}

const mac = (key: string, purpose: string, id: number, secretHash: string) => createHmac('sha256', key).update(`${purpose}:${id}:${secretHash}`).digest('hex');

/** The Google Reader `Auth` token of an app password: stable, and void once the password is revoked. */
export function readerAuthToken(key: string, row: { id: number }, secretHash: string): string {
  return `${row.id}/${mac(key, 'greader-auth', row.id, secretHash).slice(0, 40)}`;
}

/** The short-lived-looking but stable edit token (`T`) clients fetch from /token; 57 characters as Google's were. */
export function readerEditToken(key: string, row: { id: number }, secretHash: string): string {
  return mac(key, 'greader-edit', row.id, secretHash).slice(0, 57);
}

export function resolveReaderAuth(sqlite: Sqlite, key: string, token: string, now: number): (AppPasswordRow & { secretHash: string }) | null {
  const m = /^(\d{1,12})\/([0-9a-f]{40})$/.exec(token.trim());
  if (!m) return null;
  const row = findLiveById(sqlite, Number(m[1]));
  if (!row || !sameSecret(readerAuthToken(key, row, row.secretHash), token.trim())) return null;
  touchAppPassword(sqlite, row.id, now);
  return row;
}

export function secretHashFor(password: string): string {
  return hashSecret(password.trim());
}
