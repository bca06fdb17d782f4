/**
 * `vigie extract <file|url> [--url BASE] [--json]`: the main content of an article page as Readability sees it —
 * what `full_text: true` sources would store. Needs no config or database.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createSanitiser } from '../../text/sanitise.js';
import { decodeBody } from '../../parse/decode.js';
import { extractArticle } from '../../sources/extract.js';
import { UsageError } from '../fatal.js';

const USAGE = `usage: vigie extract <file|url> [--url BASE] [--json]

Extracts the main content of an article page with Readability. With --json prints
{"title","byline","excerpt","siteName","lang","publishedTime","contentHtml","contentText"}.
--url gives the page's address (relative links resolve against it) when reading a file.
Exits 1 when the page has no readable main content.
`;

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { url: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${USAGE}`);
  }
  if (parsed.values.help) return void process.stdout.write(USAGE), 0;
  const [target, ...extra] = parsed.positionals;
  if (!target || extra.length) throw new UsageError(`expected exactly one file or URL\n\n${USAGE}`);
  if (parsed.values.url !== undefined && !URL.canParse(parsed.values.url)) throw new UsageError(`--url must be an absolute URL, got '${parsed.values.url}'`);

  let body: Buffer;
  let contentType: string | null = null;
  let pageUrl: string | null = parsed.values.url ?? null;
  if (/^https?:\/\//i.test(target)) {
    const { fetchUrl } = await import('../../fetch/http.js');
    const res = await fetchUrl({ url: target, accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' });
    if (!res.ok) return void process.stderr.write(`vigie extract: ${res.detail}\n`), 1;
    if (res.notModified) return void process.stderr.write(`vigie extract: ${target}: 304 Not Modified\n`), 1;
    body = res.body;
    contentType = res.contentType;
    pageUrl ??= res.finalUrl;
  } else {
    try {
      body = await readFile(target);
    } catch (err) {
      process.stderr.write(`vigie extract: cannot read ${target}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
      return 1;
    }
  }
  const result = extractArticle(decodeBody(body, contentType).text, pageUrl, createSanitiser());
  if (!result.ok) return void process.stderr.write(`vigie extract: ${target}: ${result.detail}\n`), 1;
  const a = result.article;
  if (parsed.values.json) {
    const out = { title: a.title, byline: a.byline, excerpt: a.excerpt, siteName: a.siteName, lang: a.lang, publishedTime: a.publishedTime, contentHtml: a.contentHtml, contentText: a.contentText };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else {
    const head = [a.title ?? '(untitled)', [a.byline, a.siteName, a.publishedTime, a.lang].filter(Boolean).join(' · ')].filter(Boolean);
    process.stdout.write(`${head.join('\n')}\n\n${a.contentText}\n`);
  }
  return 0;
}
