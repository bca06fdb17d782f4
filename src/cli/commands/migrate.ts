import { openContext } from '../context.js';
import { appliedMigrationCount } from '../../db/migrate.js';

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    process.stdout.write('usage: vigie migrate\n\nApplies the database migrations and syncs feeds.yaml (every command does this first).\n');
    return 0;
  }
  const deps = await openContext();
  const applied = appliedMigrationCount(deps.db);
  process.stdout.write(`database ${deps.config.dbFile}: ${applied} migration(s) applied; feeds.yaml: ${deps.sync.topics} topic(s), ${deps.sync.sources} source(s)\n`);
  await deps.close();
  return 0;
}
