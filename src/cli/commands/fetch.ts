import { parseArgs } from 'node:util';
import { runFetchCycle } from '../../ingest/cycle.js';
import { openContext } from '../context.js';
import { progressBar } from '../progress.js';
import { UsageError } from '../fatal.js';
import { liveSourceIdBySlug } from '../../db/sources/source-id.js';

const HELP = `usage: vigie fetch [--source SLUG] [--json]

Fetches every enabled source (or the one named) now, ignoring next-due times and backoff but still sending
conditional headers, and reports per source. Exit code 0 when every source answered, 1 when any failed.
On a terminal (and without --json) a progress bar shows the sources done so far.
`;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { source: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return void process.stdout.write(HELP), 0;
  const deps = await openContext();
  try {
    if (values.source && liveSourceIdBySlug(deps.sqlite, values.source) === null) {
      throw new UsageError(`unknown source '${values.source}'`);
    }
    const bar = progressBar('fetching', { json: values.json });
    const report = await runFetchCycle(deps, { force: true, source: values.source, onProgress: (p) => bar.update(p.done, p.total) }).finally(() => bar.stop());
    if (values.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else {
      for (const r of report.sources) {
        const what = r.status === 'error' ? `error: ${r.error}` : r.status === 'not_modified' ? 'not modified' : `${r.new} new, ${r.updated} updated, ${r.unchanged} unchanged`;
        process.stdout.write(`${r.source.padEnd(24)} ${what}\n`);
      }
      for (const b of report.busy) process.stdout.write(`${b.padEnd(24)} skipped: being fetched by another process\n`);
      if (!report.sources.length && !report.busy.length) process.stdout.write('no enabled sources\n');
    }
    return report.sources.some((r) => r.status === 'error') ? 1 : 0;
  } finally {
    await deps.close();
  }
}
