/**
 * Issue 17, finding 2 (parse jobs had no time limit): the real worker-thread pool (dist/), one worker, a time
 * budget, and a fetch cycle over three feeds served on 127.0.0.1. When one feed turns into a document its worker
 * never finishes, that worker is ended and replaced, the source shows "parsing took longer than N s", its stored
 * items stay, and the other sources of the same cycle are parsed by the replacement.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { runFetchCycle } from '../../src/ingest/cycle.js';
import { manualClock } from '../../src/lib/clock.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { makeTestDeps, makeTestInstall, type TestInstall } from '../helpers/temp.js';

const dist = join(import.meta.dirname, '../../dist/src/parse/pool.js');
const spinning = pathToFileURL(join(import.meta.dirname, '../fixtures/parse/spinning-worker.mjs'));
const NOW = Date.parse('2026-11-20T12:00:00Z');

const rss = (name: string, n: number, extra = '') =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title><link>https://${name}.example/</link>${extra}` +
  Array.from({ length: n }, (_, i) => `<item><title>${name} ${i}</title><link>https://${name}.example/${i}</link><guid>${name}-${i}</guid><pubDate>Thu, 19 Nov 2026 0${i}:00:00 GMT</pubDate></item>`).join('') +
  `</channel></rss>`;

let install: TestInstall | undefined;
let deps: Deps | undefined;
let server: FeedServer | undefined;
afterEach(async () => {
  await deps?.close();
  await server?.close();
  install?.cleanup();
});

describe('parse time budget', () => {
  it('ends a worker that runs past its budget, records the error on that source only, and keeps every stored item', async () => {
    const { createParser } = (await import(dist)) as typeof import('../../src/parse/pool.js');
    server = await startFeedServer({ files: { '/a.xml': rss('a', 3), '/b.xml': rss('b', 2), '/c.xml': rss('c', 2) } });
    install = makeTestInstall(
      `topics:\n  - { slug: t, name: T }\nsources:\n` + ['a', 'b', 'c'].map((s) => `  - { slug: ${s}, kind: feed, url: "${server!.url}/${s}.xml", topic: t }\n`).join(''),
    );
    deps = makeTestDeps(install, { clock: manualClock(NOW), random: () => 0.5, parser: createParser({ size: 1, timeoutMs: 2_000, workerFile: spinning }) });
    const count = (slug: string) => deps!.sqlite.prepare(`SELECT count(*) FROM items i JOIN sources s ON s.id = i.source_id WHERE s.slug = ?`).pluck().get(slug);
    const lastError = (slug: string) => deps!.sqlite.prepare(`SELECT last_error FROM sources WHERE slug = ?`).pluck().get(slug);

    const first = await runFetchCycle(deps, { force: true });
    expect(first.sources.map((s) => s.status)).toEqual(['ok', 'ok', 'ok']);
    expect([count('a'), count('b'), count('c')]).toEqual([3, 2, 2]);

    // Feed a becomes a document its worker never finishes; b and c publish one more item each.
    server.setFile('/a.xml', rss('a', 4, '<!-- spin forever -->'));
    server.setFile('/b.xml', rss('b', 3));
    server.setFile('/c.xml', rss('c', 3));
    const second = await runFetchCycle(deps, { force: true });
    const bySlug = Object.fromEntries(second.sources.map((s) => [s.source, s]));
    expect(bySlug.a).toMatchObject({ status: 'error', error: expect.stringContaining('parsing took longer than 2 s') });
    expect(bySlug.b).toMatchObject({ status: 'ok', new: 1 });
    expect(bySlug.c).toMatchObject({ status: 'ok', new: 1 });
    expect(lastError('a')).toMatch(/a\.xml: parsing took longer than 2 s$/);
    expect([count('a'), count('b'), count('c')]).toEqual([3, 3, 3]);

    // The feed recovers: the replacement worker parses it.
    server.setFile('/a.xml', rss('a', 4));
    const third = await runFetchCycle(deps, { force: true });
    expect(third.sources.find((s) => s.source === 'a')).toMatchObject({ status: 'ok', new: 1 });
    expect(lastError('a')).toBeNull();
  });
});
