import type { Sqlite } from '../client.js';

/** Accounts not closed (0 on a fresh install: the first sign-up becomes the admin). */
export function countLiveUsers(sqlite: Sqlite): number {
  return sqlite.prepare(`SELECT count(*) FROM users WHERE deleted_at IS NULL`).pluck().get() as number;
}
