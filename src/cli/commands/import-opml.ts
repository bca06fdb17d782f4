import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { addSource, ensureTopic } from '../../sources/manage.js';
import { parseOpml, slugify } from '../../sources/opml.js';
import { openContext } from '../context.js';
import { progressBar } from '../progress.js';
import { UsageError } from '../fatal.js';
import { topicIdBySlug } from '../../db/topics/topic-id.js';

const HELP = `usage: vigie import-opml FILE [--topic SLUG] [--json]

Adds every feed of an OPML export (from another reader) as a source. Folders become topics (created when
missing) unless --topic puts every feed in one topic. Feeds already present (same URL) are left as they are.
`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { topic: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return void process.stdout.write(HELP), 0;
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('usage: vigie import-opml FILE [--topic SLUG]');
  let parsed;
  try {
    parsed = parseOpml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message}`);
  }
  const deps = await openContext();
  try {
    const now = deps.clock.now();
    if (values.topic && topicIdBySlug(deps.sqlite, values.topic) === null) {
      throw new UsageError(`unknown topic '${values.topic}'`);
    }
    const added: string[] = [];
    const skipped: string[] = [];
    const invalid: string[] = [];
    const bar = progressBar('importing', { json: values.json });
    bar.update(0, parsed.feeds.length);
    try {
      for (const [i, f] of parsed.feeds.entries()) {
        bar.update(i);
        if (!URL.canParse(f.xmlUrl) || !/^https?:$/.test(new URL(f.xmlUrl).protocol)) {
          invalid.push(f.xmlUrl);
          continue;
        }
        let topic = values.topic;
        if (!topic && f.folder) {
          topic = slugify(f.folder, 'topic');
          ensureTopic(deps.sqlite, topic, f.folder, now);
        }
        const r = addSource(deps.sqlite, { kind: 'feed', url: f.xmlUrl, name: f.title, topics: topic ? [topic] : [], origin: 'cli' }, now);
        (r.created ? added : skipped).push(r.slug);
      }
    } finally {
      bar.stop();
    }
    if (values.json) process.stdout.write(`${JSON.stringify({ added, skipped, invalid })}\n`);
    else {
      process.stdout.write(`${added.length} source(s) added, ${skipped.length} already present, ${invalid.length} invalid URL(s)\n`);
      for (const u of invalid) process.stdout.write(`invalid: ${u}\n`);
    }
    return 0;
  } finally {
    await deps.close();
  }
}
