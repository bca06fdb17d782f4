/**
 * `vigie parse <file|url> [--json]`: prints the normalised feed. Needs no config or database and imports only the
 * parser (the fetcher only for URLs), because checks spawn it thousands of times.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { NormalisedFeed } from '../../model/item.js';
import { parseFeed, type ParseInput } from '../../parse/index.js';
import { UsageError } from '../fatal.js';

const USAGE = `usage: vigie parse <file|url> [--json]

Parses an RSS, Atom or JSON feed (a file, or an http(s) URL it fetches) and prints the normalised result:
with --json, {"feed":{title,link,description,language},"items":[…]}; otherwise a short listing.
Exits 1 with an error on stderr when the input is not a feed; damaged feeds are parsed best-effort.
`;

async function load(target: string): Promise<{ ok: true; input: ParseInput } | { ok: false; message: string }> {
  if (/^https?:\/\//i.test(target)) {
    const { fetchUrl } = await import('../../fetch/http.js');
    const { documentUrl } = await import('../../fetch/document-url.js');
    const res = await fetchUrl({ url: target });
    if (!res.ok) return { ok: false, message: res.detail };
    if (res.notModified) return { ok: false, message: `${target}: 304 Not Modified` };
    return { ok: true, input: { body: res.body, contentType: res.contentType, url: documentUrl(res), contentLanguage: res.contentLanguage ?? null } };
  }
  try {
    return { ok: true, input: { body: await readFile(target), url: null } };
  } catch (err) {
    return { ok: false, message: `cannot read ${target}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
}

function listing(feed: NormalisedFeed, format: string): string {
  const f = feed.feed;
  const lines = [`${f.title ?? '(untitled)'}  [${format}${f.language ? `, ${f.language}` : ''}]`];
  if (f.link) lines.push(f.link);
  lines.push(`${feed.items.length} item(s)`, '');
  for (const it of feed.items) {
    lines.push(`- ${it.published ? it.published.slice(0, 16).replace('T', ' ') : '(no date)       '}  ${it.title ?? '(untitled)'}`);
    if (it.url) lines.push(`  ${it.url}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${USAGE}`);
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [target, ...extra] = parsed.positionals;
  if (!target || extra.length) throw new UsageError(`expected exactly one file or URL\n\n${USAGE}`);

  const loaded = await load(target);
  if (!loaded.ok) {
    process.stderr.write(`vigie parse: error: ${loaded.message}\n`);
    return 1;
  }
  const result = await parseFeed(loaded.input);
  if (!result.ok) {
    process.stderr.write(`vigie parse: error: ${target}: ${result.detail} (${result.kind})\n`);
    return 1;
  }
  for (const w of result.warnings) process.stderr.write(`vigie parse: warning: ${w}\n`);
  process.stdout.write(parsed.values.json ? `${JSON.stringify(result.feed)}\n` : listing(result.feed, result.format));
  return 0;
}
