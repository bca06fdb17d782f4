import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';

// `vigie parse URL` fetches with fetchUrl and must then exit by itself: keep-alive sockets must not hold it open.
const root = join(import.meta.dirname, '../..');
const outDir = join(root, 'node_modules/.cache/vigie-tests', `fetch-url-${process.pid}`);
const FEED = '<rss version="2.0"><channel><title>t</title></channel></rss>';
let srv: FeedServer;

beforeAll(async () => {
  srv = await startFeedServer({ files: { '/feed.xml': FEED } });
  mkdirSync(outDir, { recursive: true });
  await build({ entryPoints: [join(root, 'src/fetch/http.ts')], bundle: true, packages: 'external', format: 'esm', platform: 'node', outfile: join(outDir, 'http.mjs'), logLevel: 'silent' });
});
afterAll(async () => {
  await srv.close();
  rmSync(outDir, { recursive: true, force: true });
});

it('fetchUrl returns the feed and lets the process exit afterwards', { timeout: 20_000 }, async () => {
  const script = `const { fetchUrl } = await import(${JSON.stringify(join(outDir, 'http.mjs'))});
const r = await fetchUrl({ url: ${JSON.stringify(`${srv.url}/feed.xml`)} });
process.stdout.write(JSON.stringify({ ok: r.ok, status: r.status, bytes: r.body?.length }));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000); // a hang shows as a killed child, not a slow test
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(killer);
  expect(code).toBe(0);
  expect(JSON.parse(out)).toEqual({ ok: true, status: 200, bytes: FEED.length });
});
