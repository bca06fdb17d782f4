import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { vigie } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/tmpdir.js';
import { background, dayIso, sortByDate, toJsonl } from './synthetic.js';

const { dir, cleanup } = makeTempDir('vigie-signals-');
afterAll(cleanup);
const input = join(dir, 'stream.jsonl');
const burst = Array.from({ length: 6 }, (_, i) => ({ date: dayIso(57 + (i % 2)), title: `Lunar greenhouse pilot ${i}`, source: `observer-${i}` }));
writeFileSync(input, toJsonl(sortByDate(background(60), burst)));

describe('vigie signals replay', () => {
  it('prints one JSON line per day on stdout and a summary on stderr', async () => {
    const r = await vigie(['signals', 'replay', '--input', input, '--from', dayIso(57), '--to', dayIso(59), '--top', '3']);
    expect(r.code).toBe(0);
    const days = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(days.map((d) => d.date)).toEqual([57, 58, 59].map(dayIso));
    expect(days[1].suggestions[0].terms.join(' ')).toMatch(/lunar|greenhouse/);
    expect(r.stderr).toMatch(/lines read, \d+ items, 0 skipped; 3 days printed/);
  });

  it('reads stdin with --input -', async () => {
    const r = await vigie(['signals', 'replay', '--input', '-'], {}, '{"date":"2024-01-01","title":"a","source":"s"}\n');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ date: '2024-01-01', suggestions: [] });
  });

  it('reads lines without a link and reports refused lines by number, with a summary at the end', async () => {
    const text = [
      '{"date":"2024-01-01","title":"a","source":"s","url":null}',
      '{"date":"2024-01-01","title":"b","source":"s","id":"1"}',
      '{"date":"2024-01-02","title":"c","source":"s","id":"1"}',
      'oops',
    ].join('\n');
    const r = await vigie(['signals', 'replay', '--input', '-'], {}, `${text}\n`);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/line 3: skipped \(id "1" already read on line 2\)/);
    expect(r.stderr).toMatch(/line 4: skipped \(not a JSON object\)/);
    expect(r.stderr).toMatch(/4 lines read, 2 items, 2 skipped \(1 repeated ids\); 1 days printed/);
  });

  it.each([
    [['signals', 'replay'], /--input/],
    [['signals', 'replay', '--input', input, '--top', '0'], /--top/],
    [['signals', 'replay', '--input', input, '--from', 'soon'], /--from/],
    [['signals', 'replay', '--input', input, '--source-key', 'feed'], /--source-key/],
    [['signals', 'replay', '--input', input, '--bogus'], /bogus/],
    [['signals', 'frobnicate'], /unknown subcommand/],
  ])('rejects bad usage %j with exit code 2', async (args, message) => {
    const r = await vigie(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('says so when the input file cannot be read', async () => {
    const r = await vigie(['signals', 'replay', '--input', join(dir, 'missing.jsonl')]);
    expect(r.code).toBe(66);
    expect(r.stderr).toMatch(/cannot read/);
  });
});

describe('vigie signals run', () => {
  it("runs the live radar over the database and stores today's suggestions", async () => {
    const { makeTestDeps, makeTestInstall } = await import('../helpers/temp.js');
    const { FEEDS, seedItems } = await import('./network.js');
    const { listSuggestions } = await import('../../src/db/radar/suggestions.js');
    const install = makeTestInstall(FEEDS);
    try {
      const now = Date.now();
      const seeded = makeTestDeps(install);
      seedItems(seeded, now);
      await seeded.close();
      const r = await vigie(['signals', 'run', '--top', '5'], install.env);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.day).toBe(new Date(now).toISOString().slice(0, 10));
      expect(out.fed).toBeGreaterThan(16 * 62);
      expect(out.scopes).toHaveLength(3);
      const deps = makeTestDeps(install);
      const sante = deps.sqlite.prepare(`SELECT id FROM topics WHERE slug = 'sante'`).pluck().get() as number;
      expect(listSuggestions(deps.sqlite, sante).suggestions[0]?.label).toMatch(/tomato|quantum|harvest/);
      await deps.close();
    } finally {
      install.cleanup();
    }
  });
});
