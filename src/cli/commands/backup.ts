import { resolve } from 'node:path';
import { openContext } from '../context.js';
import { UsageError } from '../fatal.js';

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    process.stdout.write('usage: vigie backup FILE\n\nWrites a consistent copy of the database (SQLite online backup; safe while the service runs).\nRestore with `vigie restore FILE`, then `vigie reindex`.\n');
    return 0;
  }
  const file = args[0];
  if (!file || args.length > 1) throw new UsageError('usage: vigie backup FILE');
  const deps = await openContext();
  try {
    const target = resolve(file);
    if (target === deps.config.dbFile) throw new UsageError('the backup file must not be the database itself');
    const { totalPages } = await deps.sqlite.backup(target);
    process.stdout.write(`backup written to ${target} (${totalPages} pages)\n`);
    return 0;
  } finally {
    await deps.close();
  }
}
