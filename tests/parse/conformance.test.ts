/**
 * feedparser's peer expectations (../shared/corpus, through its path-mapping.json) as a conformance bar, judged the
 * way ../shared/tools/parse-conformance.mjs judges them, in-process. Skipped when ../shared is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/index.js';

const FP = join(import.meta.dirname, '../../../shared/corpus/feeds/feedparser');
const present = existsSync(join(FP, 'expectations.jsonl'));

interface Check { path: string; equals?: unknown; iso?: string }
interface Expectation { file: string; checks: Check[]; http?: { url?: string; contentType?: string; headers?: Record<string, string> } }

// As the shared checker: tags dropped, numeric character references and the XML entities decoded.
const strip = (s: string): string => s.replace(/<[^>]*>/g, '').replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&');
const fold = (s: string): string => s.replace(/\s+/g, ' ').trim();
function get(obj: unknown, p: string): unknown {
  return p.split('.').reduce<unknown>((o, part) => {
    if (o == null) return undefined;
    const m = /^(\w+)\[(\d+)\]$/.exec(part);
    if (m) return (o as Record<string, unknown[]>)[m[1]!]?.[Number(m[2])];
    if (part === 'length') return Array.isArray(o) ? o.length : undefined;
    return (o as Record<string, unknown>)[part];
  }, obj);
}
function matches(actual: unknown, c: Check): boolean {
  if (c.iso) return typeof actual === 'string' && Date.parse(actual) === Date.parse(c.iso);
  const want = c.equals;
  if (actual == null) return want === '' || want === null;
  if (typeof want !== 'string') return JSON.stringify(actual) === JSON.stringify(want);
  const a = String(actual);
  return a === want || fold(a) === fold(want) || fold(a) === fold(strip(want)) || fold(strip(a)) === fold(strip(want));
}

describe.skipIf(!present)('feedparser conformance (../shared/corpus)', () => {
  it('passes at least 95% of the mapped checks and never throws', async () => {
    const mapping = JSON.parse(readFileSync(join(FP, 'path-mapping.json'), 'utf8')) as Record<string, string>;
    const exps = readFileSync(join(FP, 'expectations.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Expectation);
    let pass = 0;
    let total = 0;
    for (const e of exps) {
      const checks = e.checks
        .map((c) => {
          const idx = [...c.path.matchAll(/\[(\d+)\]/g)].map((m) => m[1]);
          const mapped = mapping[c.path.replace(/\[\d+\]/g, '[i]')];
          let k = 0;
          return { c, target: mapped ? mapped.split(' ')[0]!.replace(/\[i\]/g, () => `[${idx[k++] ?? 0}]`) : null };
        })
        .filter((x): x is { c: Check; target: string } => x.target !== null);
      if (!checks.length) continue;
      let url = e.http?.url ?? null;
      const location = e.http?.headers?.['Content-Location'];
      if (url && location && /^https?:|^\//.test(location)) url = new URL(location, url).href;
      const r = await parseFeed({ body: readFileSync(join(FP, e.file)), contentType: e.http?.contentType ?? null, url, contentLanguage: e.http?.headers?.['Content-Language'] ?? null });
      for (const { c, target } of checks) {
        total++;
        if (r.ok && matches(get(r.feed, target), c)) pass++;
      }
    }
    console.log(`feedparser mapped checks: ${pass}/${total} = ${((pass / total) * 100).toFixed(1)}%`);
    expect(pass / total).toBeGreaterThanOrEqual(0.95);
  });
});
