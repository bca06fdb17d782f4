#!/usr/bin/env node
// `npm run lint`: ESLint (typescript-eslint + the house formatting via ESLint Stylistic), dependency-cruiser (no
// cycles, layer boundaries) and the SQL owner check, run side by side; each prints its own findings, in this order,
// and the exit code is 1 when any of them failed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const checks = [
  ['eslint', bin('eslint'), ['--cache', '--cache-location', 'node_modules/.cache/eslint/', '--max-warnings', '0', '.']],
  ['dependency-cruiser', bin('depcruise'), ['--config', '.dependency-cruiser.cjs', 'src', 'web', 'workers', 'bin']],
  ['sql owners', process.execPath, ['scripts/check-sql-owners.mjs']],
];

const run = ([name, cmd, args]) =>
  new Promise((done) => {
    const started = Date.now();
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (err) => done({ name, code: 1, out: `${err.message}\n`, ms: Date.now() - started }));
    child.on('close', (code) => done({ name, code: code ?? 1, out, ms: Date.now() - started }));
  });

const results = await Promise.all(checks.map(run));
for (const r of results) {
  const text = r.out.split('\n').filter((l) => !/You are using deprecated rule/.test(l)).join('\n').trim();
  process.stdout.write(`── ${r.name}: ${r.code === 0 ? 'ok' : 'FAILED'} (${(r.ms / 1000).toFixed(1)} s)\n${text ? `${text}\n` : ''}`);
}
const failed = results.filter((r) => r.code !== 0).map((r) => r.name);
if (failed.length) {
  process.stdout.write(`lint failed: ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
