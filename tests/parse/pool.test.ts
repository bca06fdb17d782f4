/** The worker-thread parser (as run by the service, from dist/) gives exactly what in-process parsing gives. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFingerprints } from '../../src/text/fingerprint.js';
import { simhash } from '../../src/text/simhash.js';
import { parseFeed } from '../../src/parse/index.js';

const dist = join(import.meta.dirname, '../../dist/src/parse/pool.js');
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/ingest', name));

describe('parser pool', () => {
  it('parses in worker threads with the same result as in-process', async () => {
    const { createParser } = (await import(dist)) as typeof import('../../src/parse/pool.js');
    const pool = createParser(2);
    try {
      const inputs = ['news-v1.xml', 'wire-a.xml', 'dup-guids.xml', 'not-a-feed.html'].map((f) => ({ body: fixture(f), contentType: 'application/xml', url: `https://example.org/${f}` }));
      const pooled = await Promise.all(inputs.map((i) => pool.parse(i)));
      const local = await Promise.all(inputs.map((i) => parseFeed(i)));
      // The workers also fingerprint each item, so the store does not compute SimHashes on the main thread.
      expect(pooled).toEqual(local.map((r) => (r.ok ? { ...r, feed: withFingerprints(r.feed) } : r)));
      const first = pooled[0]!.ok ? pooled[0]!.feed.items[0]! : null;
      expect(first?.simhash).toBe(simhash(first!.title, first!.contentText ?? first!.summary));
      expect(pooled[0]).toMatchObject({ ok: true });
      expect(pooled[3]).toMatchObject({ ok: false });
    } finally {
      await pool.close();
    }
  });

  it('answers "parsing took longer than N s" for a document that outlasts the budget in a real worker', async () => {
    const { createParser } = (await import(dist)) as typeof import('../../src/parse/pool.js');
    const pool = createParser({ size: 1, timeoutMs: 300 });
    try {
      // About 40 MB of items: seconds of parsing and sanitising, far past 0.3 s.
      const item = '<item><title>T &amp; <![CDATA[x]]></title><description>&lt;p&gt;' + 'word '.repeat(200) + '&lt;/p&gt;</description></item>';
      const body = Buffer.from(`<rss version="2.0"><channel><title>big</title>${item.repeat(Math.floor(40e6 / item.length))}</channel></rss>`);
      expect(await pool.parse({ body, contentType: 'application/rss+xml', url: 'https://example.org/big.xml' })).toEqual({ ok: false, kind: 'timeout', detail: 'parsing took longer than 0.3 s' });
    } finally {
      await pool.close();
    }
  });
});
