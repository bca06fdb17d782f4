#!/usr/bin/env node
// `npm run fuzz [runs]`: the property tests of tests/security/fuzz.test.ts (parser, sanitiser, URL policy) with
// many more generated cases than `npm test` runs (default 20000 per property; FUZZ_RUNS or the first argument).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = process.argv[2] ?? process.env.FUZZ_RUNS ?? '20000';
if (!/^\d+$/.test(runs) || Number(runs) < 1) {
  console.error(`usage: npm run fuzz [runs]   (runs: a positive whole number, got '${runs}')`);
  process.exit(2);
}
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const r = spawnSync(process.execPath, [vitest, 'run', 'tests/security/fuzz.test.ts'], { cwd: root, stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: runs } });
process.exit(r.status ?? 1);
