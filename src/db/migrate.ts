import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { join } from 'node:path';
import { packageRoot } from '../lib/paths.js';
import type { Db } from './client.js';

export function migrationsFolder(): string {
  return join(packageRoot(), 'src', 'db', 'migrations');
}

/** Applies the committed SQL migrations (idempotent; safe with several processes thanks to the busy timeout). */
export function migrateDb(db: Db): void {
  migrate(db, { migrationsFolder: migrationsFolder() });
}

/** How many migrations the database has applied. */
export function appliedMigrationCount(db: Db): number {
  return db.$client.prepare(`SELECT count(*) FROM __drizzle_migrations`).pluck().get() as number;
}
