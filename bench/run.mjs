#!/usr/bin/env node
// `npm run bench`: every benchmark in turn, figures on stdout. Bounded: local servers on 127.0.0.1 only, each part
// stops by itself. Pass names to run a subset: `npm run bench -- ingest search`.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const parts = ['ingest', 'fetch-304', 'search', 'publish', 'digest', 'web', 'pages-load', 'radar', 'reader'];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
let failed = 0;
for (const name of wanted.length ? wanted : parts) {
  const file = fileURLToPath(new URL(`./${name}.mjs`, import.meta.url));
  if (!existsSync(file)) continue;
  console.log(`\n=== bench: ${name} ===`);
  const r = spawnSync(process.execPath, ['--expose-gc', file], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`bench ${name} failed (exit ${r.status})`);
  }
}
process.exit(failed ? 1 : 0);
