/** `vigie discover <url> [--json]`: the feeds a site offers, best first (verified ones before the rest). */
import { parseArgs } from 'node:util';
import { fetchUrl } from '../../fetch/http.js';
import { parseFeed } from '../../parse/index.js';
import { discoverFeeds } from '../../sources/discover.js';
import { UsageError } from '../fatal.js';

const USAGE = `usage: vigie discover <url> [--json]

Finds the feeds of a site: those its page declares (<link rel="alternate">), feed-looking links, else common
paths (/feed, /rss.xml …). Each is fetched to verify it. With --json prints
{"feeds":[{"url","type","title","verified"}]}, best first; a declared feed that cannot be fetched now is listed
with "verified": false. Exits 1 when the page itself cannot be fetched.
`;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${USAGE}`);
  }
  if (parsed.values.help) return void process.stdout.write(USAGE), 0;
  const [target, ...extra] = parsed.positionals;
  if (!target || extra.length || !/^https?:\/\//i.test(target) || !URL.canParse(target)) throw new UsageError(`expected one http(s) URL\n\n${USAGE}`);
  const result = await discoverFeeds(target, { fetch: fetchUrl, parse: (input) => parseFeed(input) });
  if (!result.ok) return void process.stderr.write(`vigie discover: ${result.detail}\n`), 1;
  if (parsed.values.json) {
    process.stdout.write(`${JSON.stringify({ feeds: result.feeds })}\n`);
  } else if (!result.feeds.length) {
    process.stdout.write('no feed found\n');
  } else {
    for (const f of result.feeds) process.stdout.write(`${f.verified ? '✓' : '?'} ${f.url}  [${f.type ?? 'unknown'}]${f.title ? `  ${f.title}` : ''}\n`);
  }
  return 0;
}
