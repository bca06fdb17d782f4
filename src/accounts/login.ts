import type { Sqlite } from '../db/client.js';
import { checkPassword } from './passwords.js';
import { findUserByEmail } from './users.js';

/** One generic answer for unknown e-mail and wrong password, so the API does not tell which accounts exist. */
export const LOGIN_FAILED = 'wrong e-mail or password';

/** Checks credentials in constant-ish time (argon2 runs whether or not the account exists). */
export async function checkLogin(sqlite: Sqlite, email: string, password: string): Promise<{ ok: true; userId: number } | { ok: false }> {
  const user = findUserByEmail(sqlite, email);
  const good = await checkPassword(user?.passwordHash ?? null, password);
  return good && user ? { ok: true, userId: user.id } : { ok: false };
}
