#!/usr/bin/env node
// Replays every signal-radar dev file through `vigie signals replay` (the built dist/, one setting, two at a time)
// and scores each replay with the shared scorer, printing one table row per file.
// usage: node scripts/radar-eval.mjs [--dev DIR] [--out DIR] [--only SUBSTRING] [--jobs N]
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    dev: { type: 'string', default: '/work/shared/signals-dev' },
    scorer: { type: 'string', default: '/work/shared/tools/radar-score.mjs' },
    out: { type: 'string', default: '/tmp/radar-eval' },
    only: { type: 'string' },
    jobs: { type: 'string', default: '2' },
  },
});
const root = resolve(import.meta.dirname, '..');
const bin = join(root, 'bin/vigie.js');
const truth = join(values.dev, 'ground-truth.json');
if (!existsSync(truth)) {
  console.error(`no ground truth at ${truth}`);
  process.exit(2);
}
mkdirSync(values.out, { recursive: true });
const files = JSON.parse(readFileSync(truth, 'utf8')).windows.map((w) => w.file).filter((f) => !values.only || f.includes(values.only));

function run(cmd, args, stdoutPath) {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { stdio: ['ignore', stdoutPath ? 'pipe' : 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    if (stdoutPath) child.stdout.pipe(createWriteStream(stdoutPath));
    else child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done({ out, err }) : fail(new Error(`${cmd} ${args.join(' ')}: exit ${code}\n${err}`))));
  });
}

async function evaluate(file) {
  const sourceKey = file.startsWith('github-') ? 'url' : 'source';
  const replayPath = join(values.out, file.replace(/\.jsonl$/, '.replay.jsonl'));
  const started = Date.now();
  const { err } = await run(process.execPath, [bin, 'signals', 'replay', '--input', join(values.dev, file), '--source-key', sourceKey], replayPath);
  const seconds = (Date.now() - started) / 1000;
  const { out } = await run(process.execPath, [values.scorer, truth, replayPath, '--file', file, '--json']);
  return { file, sourceKey, seconds, score: JSON.parse(out), stderr: err.trim().split('\n').at(-1) };
}

const results = [];
const queue = [...files];
await Promise.all(Array.from({ length: Number(values.jobs) }, async () => {
  for (let f = queue.shift(); f; f = queue.shift()) results.push(await evaluate(f));
}));
results.sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file));
const truthWindows = JSON.parse(readFileSync(truth, 'utf8')).windows;
console.log('| file | recall@peak | mean lead (max) | precision@10 | suggestions/day | silent days | runtime |');
console.log('|---|---|---|---|---|---|---|');
for (const r of results) {
  const w = truthWindows.find((x) => x.file === r.file);
  const leads = w.events.map((e) => e.max_lead_days).filter((x) => x != null);
  const maxLead = leads.length ? (leads.reduce((a, b) => a + b, 0) / leads.length).toFixed(1) : '-';
  const s = r.score;
  console.log(`| ${r.file.replace(/\.jsonl$/, '')} | ${s.recall_at_peak} | ${s.mean_lead_days ?? '-'} d (${maxLead}) | ${s.precision_at_10} | ${s.suggestions_per_day} | ${s.silent_days}/${s.eval_days} | ${r.seconds.toFixed(0)} s |`);
}
for (const r of results) {
  console.log(`\n${r.file}: ${r.stderr}`);
  for (const e of r.score.events) console.log(`  ${e.id.padEnd(20)} first hit ${e.first_hit ?? 'never'}  lead ${e.lead ?? '-'}  delay ${e.delay ?? '-'}${e.by_peak ? '' : '  MISSED'}`);
}
