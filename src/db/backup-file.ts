/** The database files themselves, for `vigie restore`: checking a backup before use, folding a WAL in. */
import Database from 'better-sqlite3';

/** Opens `file` read-only and checks it is an intact Vigie database; the reason otherwise. */
export function checkBackupFile(file: string): { ok: true } | { ok: false; reason: string } {
  let check: Database.Database | null = null;
  try {
    check = new Database(file, { readonly: true, fileMustExist: true });
    const ok = check.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') return { ok: false, reason: `the backup is damaged (integrity_check: ${String(ok)})` };
    if (!check.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'items'`).get()) return { ok: false, reason: 'not a Vigie database (no items table)' };
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: `not a readable SQLite database (${(err as Error).message})` };
  } finally {
    check?.close();
  }
}

/** Folds the write-ahead log of the database `file` into the file itself, so the file alone is complete. */
export function checkpointDbFile(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
