/** Digest runs (owner of `digest_runs`). */
import type { Sqlite } from '../client.js';

export function startRun(sqlite: Sqlite, owner: string, trigger: 'now' | 'schedule', now: number): number {
  return Number(sqlite.prepare(`INSERT INTO digest_runs (owner, trigger, started_at) VALUES (?, ?, ?)`).run(owner, trigger, now).lastInsertRowid);
}

export function finishRun(sqlite: Sqlite, id: number, r: { built: number; sent: number; failed: number }, now: number): void {
  sqlite.prepare(`UPDATE digest_runs SET status = 'done', built = ?, sent = ?, failed = ?, finished_at = ? WHERE id = ?`).run(r.built, r.sent, r.failed, now, id);
}
