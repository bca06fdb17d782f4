import { parseArgs } from 'node:util';
import { exportSourcesOpml } from '../../sources/export.js';
import { openContext } from '../context.js';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { topic: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write('usage: vigie export-opml [--topic SLUG] > sources.opml\n\nPrints the sources (one folder per topic) as OPML 2.0.\n');
    return 0;
  }
  const deps = await openContext();
  try {
    process.stdout.write(exportSourcesOpml(deps.sqlite, { topic: values.topic, now: deps.clock.now() }));
    return 0;
  } finally {
    await deps.close();
  }
}
