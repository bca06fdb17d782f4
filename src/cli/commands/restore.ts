import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { checkBackupFile, checkpointDbFile } from '../../db/backup-file.js';
import { countAllItems } from '../../db/items/count.js';
import { openContext } from '../context.js';
import { UsageError } from '../fatal.js';

const HELP = `usage: vigie restore FILE

Replaces the database with the backup FILE (made by \`vigie backup\`). Stop the service first. The current
database is kept beside it as vigie.db.before-restore. Then run \`vigie reindex\` so search matches the data.
`;

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help')) return void process.stdout.write(HELP), 0;
  const file = args[0];
  if (!file || args.length > 1) throw new UsageError('usage: vigie restore FILE');
  const source = resolve(file);
  if (!existsSync(source)) throw new UsageError(`${source}: no such file`);
  // Check the backup before touching anything.
  const check = checkBackupFile(source);
  if (!check.ok) throw new UsageError(`${source}: ${check.reason}`);
  const config = loadConfig();
  const db = config.dbFile;
  mkdirSync(dirname(db), { recursive: true });
  const tmp = `${db}.restoring`;
  copyFileSync(source, tmp);
  if (existsSync(db)) {
    // Fold the WAL into the current file before keeping it aside.
    checkpointDbFile(db);
    renameSync(db, `${db}.before-restore`);
  }
  for (const ext of ['-wal', '-shm']) rmSync(`${db}${ext}`, { force: true });
  renameSync(tmp, db);
  const deps = await openContext(config);
  const items = countAllItems(deps.sqlite);
  await deps.close();
  process.stdout.write(`restored ${source} into ${db} (${items} items); previous database kept as ${db}.before-restore\nnext: run \`vigie reindex\` to rebuild the search index\n`);
  return 0;
}
