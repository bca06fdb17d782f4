/** The worker-thread parser (as run by the service, from dist/) gives exactly what in-process parsing gives. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
      expect(pooled).toEqual(local);
      expect(pooled[0]).toMatchObject({ ok: true });
      expect(pooled[3]).toMatchObject({ ok: false });
    } finally {
      await pool.close();
    }
  });
});
