import { parseArgs } from 'node:util';
import { startSearchEngine } from '../../search/engine.js';
import { rebuildFts } from '../../search/fts.js';
import { processOwner } from '../../search/owner.js';
import { reindexMeili } from '../../search/reindex.js';
import { openContext } from '../context.js';
import { progressBar } from '../progress.js';
import { UsageError } from '../fatal.js';
import { countAllItems } from '../../db/items/count.js';

const HELP = `usage: vigie reindex [--fts] [--wait SECONDS]

Rebuilds the Meilisearch index from SQLite into a side index and swaps it in when complete, so search keeps
answering meanwhile. Uses MEILI_URL, or the managed instance (started for the occasion if none is running).
With SEARCH_BACKEND=fts5 (or no Meilisearch for this platform), or with --fts, rebuilds the FTS5 index instead
/ as well. Prints {"backend", "documents", "ms"} on stdout (with a progress bar first when stdout is a terminal).
`;

export async function run(args: string[]): Promise<number> {
  let values: { fts?: boolean; wait?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args, options: { fts: { type: 'boolean' }, wait: { type: 'string' }, help: { type: 'boolean' } } }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return void process.stdout.write(HELP), 0;
  const waitS = values.wait === undefined ? 120 : Number(values.wait);
  if (!Number.isFinite(waitS) || waitS < 0) throw new UsageError(`--wait expects a number of seconds, got '${values.wait}'`);
  const deps = await openContext();
  const owner = processOwner('reindex');
  const engine = await startSearchEngine(deps, owner);
  try {
    const out: { backend: string; documents: number; ms: number }[] = [];
    const index = deps.search.meili();
    if (values.fts || !index) {
      const started = performance.now();
      rebuildFts(deps.sqlite);
      const documents = countAllItems(deps.sqlite);
      out.push({ backend: 'fts5', documents, ms: Math.round(performance.now() - started) });
    }
    if (index) {
      const bar = progressBar('indexing');
      const r = await reindexMeili(deps, index, owner, waitS * 1000, (sent, total) => bar.update(sent, total)).finally(() => bar.stop());
      if ('busy' in r) {
        process.stderr.write(`vigie reindex: another process kept the index busy for ${waitS} s; try again\n`);
        return 1;
      }
      out.push({ backend: 'meilisearch', ...r });
    } else if (deps.search.wantsMeili()) {
      process.stderr.write('vigie reindex: Meilisearch is not reachable; rebuilt FTS5 only\n');
    }
    for (const o of out) process.stdout.write(`${JSON.stringify(o)}\n`);
    return 0;
  } finally {
    await engine.stop();
    await deps.close();
  }
}
