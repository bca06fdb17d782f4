// Pages under load (issue 19): the stream page `/` and the search page `/?q=` of the web app over ~23.6k items,
// 32 connections from autocannon for a bounded time each, against a server in its own process on 127.0.0.1.
// Targets: >= 300 requests/s with p99 < 300 ms. BENCH_PAGE_ITEMS, BENCH_PAGE_SECONDS to change the setting.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';

const ITEMS = Number(process.env.BENCH_PAGE_ITEMS ?? 23_600);
const SECONDS = Number(process.env.BENCH_PAGE_SECONDS ?? 10);
const server = spawn(process.execPath, [new URL('./lib/page-server.mjs', import.meta.url).pathname, String(ITEMS)], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve, reject) => {
  server.stdout.once('data', (d) => resolve(JSON.parse(String(d)).port));
  server.once('exit', (c) => reject(new Error(`page server exited ${c}`)));
});
const line = (label, value) => console.log(`${label.padEnd(52)} ${value}`);
const queries = ['climat', 'énergie solaire', 'santé vaccin', 'carbone', 'réseau transition', 'données', 'recherche europe', 'modèle'];
const cases = [
  ['stream page /', [{ method: 'GET', path: '/' }]],
  ['search page /?q= (FTS5, 8 queries in turn)', queries.map((q) => ({ method: 'GET', path: `/?q=${encodeURIComponent(q)}` }))],
];
console.log(`pages under load: ${ITEMS} items, 32 connections, ${SECONDS} s per page, server on 127.0.0.1 in its own process`);
try {
  for (const [label, requests] of cases) {
    // Warm-up (first renders, SQLite cache), then the measured run.
    await autocannon({ url: `http://127.0.0.1:${port}`, connections: 8, duration: 2, requests });
    const r = await autocannon({ url: `http://127.0.0.1:${port}`, connections: 32, duration: SECONDS, requests });
    const bad = r.non2xx + r.errors + r.timeouts;
    const rps = r.requests.average;
    const ok = rps >= 300 && r.latency.p99 < 300 && bad === 0;
    line(`  ${label}`, `${rps.toFixed(0)} requests/s · p50 ${r.latency.p50} ms · p99 ${r.latency.p99} ms · ${bad} failed (target >= 300/s, p99 < 300 ms → ${ok ? 'met' : 'MISSED'})`);
  }
} finally {
  server.kill('SIGTERM');
}
