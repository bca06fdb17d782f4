/** The `vigie` command as an operator uses it: real process, real files, a local feed server. */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer } from '../helpers/feed-server.js';
import { startVigie, vigie, vigieOnTerminal } from '../helpers/cli.js';
import { makeTempDir, makeTestInstall } from '../helpers/temp.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/ingest');
let server: Awaited<ReturnType<typeof startFeedServer>>;
let www: ReturnType<typeof makeTempDir>;

beforeAll(async () => {
  www = makeTempDir();
  copyFileSync(join(FIXTURES, 'news-v1.xml'), join(www.dir, 'news.xml'));
  copyFileSync(join(FIXTURES, 'wire-a.xml'), join(www.dir, 'wire.xml'));
  server = await startFeedServer({ root: www.dir });
});
afterAll(async () => {
  await server.close();
  www.cleanup();
});

const feeds = () => `topics:
  - { slug: sante, name: Santé publique }
sources:
  - { slug: news, kind: feed, url: "${server.url}/news.xml", topic: sante }
  - { slug: wire, kind: feed, url: "${server.url}/wire.xml", topic: sante }
  - { slug: broken, kind: feed, url: "${server.url}/missing.xml", topic: sante }
`;

describe('vigie', () => {
  it('lists its commands', async () => {
    const r = await vigie(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['serve', 'worker', 'parse', 'fetch', 'migrate', 'backup', 'restore', 'import-opml', 'export-opml']) expect(r.stdout).toContain(c);
    expect((await vigie(['frobnicate'])).code).toBe(2);
  });

  it('refuses a wrong feeds.yaml naming file, line and field, and exits non-zero', async () => {
    const install = makeTestInstall(`topics: []\nsources:\n  - slug: x\n    kind: feed\n    url: nowhere\n`);
    try {
      const r = await vigie(['migrate'], install.env);
      expect(r.code).toBe(78);
      expect(r.stderr).toContain(`${install.env.FEEDS_FILE}:5:10: sources[0] (x).url: expected an absolute http(s) URL`);
      expect(existsSync(join(install.env.VIGIE_DATA_DIR!, 'vigie.db'))).toBe(false);
    } finally {
      install.cleanup();
    }
  });

  it('fetch reports per source, a second fetch adds nothing; backup and restore keep every item', async () => {
    const install = makeTestInstall(feeds());
    try {
      const first = await vigie(['fetch', '--json'], install.env);
      expect(first.code).toBe(1); // one source failed
      const report = JSON.parse(first.stdout) as { sources: { source: string; status: string; new: number; error: string | null }[] };
      expect(report.sources.map((s) => [s.source, s.status, s.new])).toEqual([
        ['broken', 'error', 0],
        ['news', 'ok', 4],
        ['wire', 'ok', 1],
      ]);
      expect(report.sources[0]!.error).toMatch(/404/);

      const again = await vigie(['fetch', '--source', 'news'], install.env);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/news\s+not modified/);

      const backup = join(install.dir, 'backup.db');
      const b = await vigie(['backup', backup], install.env);
      expect(b.code).toBe(0);
      expect(existsSync(backup)).toBe(true);

      // A fresh data dir restored from the backup has the same items.
      const restored = { ...install.env, VIGIE_DATA_DIR: join(install.dir, 'restored') };
      const r = await vigie(['restore', backup], restored);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/\(5 items\)/);
      expect(r.stdout).toMatch(/reindex/);
      const bad = join(install.dir, 'not-a-db');
      writeFileSync(bad, 'hello');
      const refused = await vigie(['restore', bad], restored);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/not a readable SQLite database|not a Vigie database/);
    } finally {
      install.cleanup();
    }
  });

  it('fetch shows a progress bar on a terminal, none when piped or with --json', async () => {
    const install = makeTestInstall(feeds());
    try {
      const onTerminal = vigieOnTerminal(['fetch'], install.env);
      if (onTerminal) {
        const tty = await onTerminal;
        expect(tty.stdout).toMatch(/fetching \[[^\]]*\] \d\/3/);
        expect(tty.stdout).toMatch(/news\s+not modified|news\s+\d+ new/);
      }
      const piped = await vigie(['fetch'], install.env);
      expect(piped.stdout).not.toContain('fetching [');
      expect(piped.stdout).toMatch(/news\s+not modified/);
      const json = vigieOnTerminal(['fetch', '--json'], install.env);
      if (json) expect((await json).stdout).not.toContain('fetching [');
    } finally {
      install.cleanup();
    }
  });

  it('imports an OPML export into topics and exports it back', async () => {
    const install = makeTestInstall('topics: []\nsources: []\n');
    try {
      const opml = join(install.dir, 'reader.opml');
      writeFileSync(
        opml,
        `<?xml version="1.0"?><opml version="1.0"><head><title>Mes abonnements</title></head><body>
          <outline text="Santé mondiale"><outline type="rss" text="WHO" xmlUrl="https://who.example/rss.xml" htmlUrl="https://who.example/"/>
          <outline type="rss" text="MSF &amp; co" xmlUrl="https://msf.example/feed"/></outline>
          <outline type="rss" text="Loose" xmlUrl="https://loose.example/atom"/>
          <outline type="rss" text="Bad" xmlUrl="javascript:alert(1)"/></body></opml>`,
      );
      const r = await vigie(['import-opml', opml, '--json'], install.env);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ added: ['who', 'msf-co', 'loose'], skipped: [], invalid: ['javascript:alert(1)'] });
      expect(JSON.parse((await vigie(['import-opml', opml, '--json'], install.env)).stdout).skipped).toHaveLength(3);
      const out = await vigie(['export-opml'], install.env);
      expect(out.stdout).toContain('<outline text="Santé mondiale" title="Santé mondiale">');
      expect(out.stdout).toContain('xmlUrl="https://msf.example/feed"');
      expect(out.stdout).toContain('text="MSF &amp; co"');
    } finally {
      install.cleanup();
    }
  });

  it('serve answers /healthz, fetches its sources and stops cleanly on SIGTERM', async () => {
    const install = makeTestInstall(feeds(), { PORT: '0', LOG_LEVEL: 'info' });
    mkdirSync(install.env.VIGIE_DATA_DIR!, { recursive: true });
    const svc = await startVigie(['serve'], install.env, /"url":"(http:\/\/127\.0\.0\.1:\d+)"/);
    try {
      const base = svc.match[1]!;
      type Health = { status: string; lastFetchCycle: { sources: number; errors: number } | null };
      let health: Health = { status: 'unknown', lastFetchCycle: null };
      for (let i = 0; i < 100 && !health.lastFetchCycle; i++) {
        health = (await (await fetch(`${base}/healthz`)).json()) as Health;
        if (!health.lastFetchCycle) await new Promise((r) => setTimeout(r, 100));
      }
      expect(health).toMatchObject({ status: 'ok', lastFetchCycle: { sources: 3, errors: 1 } });
      const sources = (await (await fetch(`${base}/api/v1/sources`)).json()) as { sources: { slug: string; status: string; error: string | null }[] };
      expect(sources.sources.find((s) => s.slug === 'broken')).toMatchObject({ status: 'error' });
      expect(sources.sources.find((s) => s.slug === 'news')).toMatchObject({ status: 'ok', error: null });
    } finally {
      expect(await svc.stop()).toBe(0);
    }
  });
});
