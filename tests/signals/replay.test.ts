import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parentOf, replay, sourceOf } from '../../src/signals/replay.js';
import type { ReplayDay, ReplayOptions } from '../../src/signals/replay.js';
import type { RadarItem } from '../../src/signals/types.js';
import { background, dayIso, sortByDate, toJsonl } from './synthetic.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/signals/github-trending-new-repos-2019-11-15_2020-02-05.jsonl');

async function* linesOf(text: string): AsyncIterable<string> {
  yield* text.split('\n');
}

async function run(text: string, options: Partial<ReplayOptions> = {}): Promise<ReplayDay[]> {
  const days: ReplayDay[] = [];
  await replay(linesOf(text), { top: 10, sourceKey: 'source', ...options }, (d) => days.push(d));
  return days;
}

/** `n` observers take a new topic up over `day` and the next day. */
function topic(day: number, n: number): RadarItem[] {
  return Array.from({ length: n }, (_, i) => ({ date: `${dayIso(day + (i % 2))}T0${i}:30:00Z`, title: `Lunar greenhouse pilot number ${i}`, source: `observer-${i}` }));
}

const stream = toJsonl(sortByDate(background(60), topic(58, 6), background(0)).filter((i) => !i.date.startsWith(dayIso(40))));

describe('replay', () => {
  it('prints one line per calendar day from the first input date to the last, empty days included', async () => {
    const days = await run(stream);
    expect(days).toHaveLength(60);
    expect(days[0]!.date).toBe(dayIso(0));
    expect(days[59]!.date).toBe(dayIso(59));
    expect(days.map((d) => d.date)).toContain(dayIso(40)); // a day without items still has its line
    expect(days.find((d) => d.date === dayIso(40))!.suggestions).toEqual([]);
  });

  it('suggests the emerging topic with the fields of the replay format', async () => {
    const days = await run(stream);
    const top = days.find((d) => d.date === dayIso(59))!.suggestions[0]!;
    expect(Object.keys(top).sort()).toEqual(['counts', 'examples', 'expected', 'expectedItems', 'firstSeen', 'items', 'label', 'score', 'sources', 'terms', 'why']);
    expect(top.terms.join(' ')).toMatch(/lunar|greenhouse/);
    expect(top.sources).toBe(6);
    expect(top.firstSeen).toMatchObject({ source: 'observer-0', date: `${dayIso(58)}T00:30:00Z` });
    expect(top.why).toMatch(/6 items from 6 sources/);
    expect(Object.keys(top.examples[0]!).sort()).toEqual(['date', 'source', 'title']);
  });

  it('uses only items dated up to the end of each day: no peeking ahead', async () => {
    const full = await run(stream);
    const cut = stream.split('\n').filter((l) => !l || JSON.parse(l).date < dayIso(58)).join('\n');
    const truncated = await run(cut);
    expect(full.slice(0, 58)).toEqual(truncated);
    expect(full[57]!.suggestions.some((s) => s.terms.some((t) => /lunar|greenhouse/.test(t)))).toBe(false);
  });

  it('limits printed days with --from/--to while earlier input still counts as history', async () => {
    const full = await run(stream);
    const window = await run(stream, { from: dayIso(55), to: dayIso(59) });
    expect(window.map((d) => d.date)).toEqual([55, 56, 57, 58, 59].map(dayIso));
    expect(window).toEqual(full.slice(55, 60));
  });

  it('honours --top', async () => {
    const days = await run(stream, { top: 1 });
    expect(days.every((d) => d.suggestions.length <= 1)).toBe(true);
  });

  it('skips unreadable lines and reports them', async () => {
    const warnings: string[] = [];
    const days: ReplayDay[] = [];
    const text = `{"date":"2024-01-01","title":"a","source":"s"}\nnot json\n{"date":"soon","title":"b","source":"s"}\n{"date":"2024-01-03","title":"c","source":"s"}\n`;
    const summary = await replay(linesOf(text), { top: 10, sourceKey: 'source' }, (d) => days.push(d), (m) => warnings.push(m));
    expect(summary).toMatchObject({ items: 2, skipped: 2, firstDay: '2024-01-01', lastDay: '2024-01-03' });
    expect(days.map((d) => d.date)).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
    expect(warnings).toHaveLength(2);
  });

  it('reads what counts as a source from --source-key', () => {
    const line = { source: 'github-trending/python', url: 'https://github.com/nextstrain/ncov' };
    expect(sourceOf(line, 'source')).toBe('github-trending/python');
    expect(sourceOf(line, 'url')).toBe('https://github.com/nextstrain/ncov');
    expect(sourceOf(line, 'url-host')).toBe('github.com');
    expect(sourceOf({ source: 'x' }, 'url')).toBe('x');
    expect(parentOf('https://github.com/wuhan2020/api-server')).toBe('github.com/wuhan2020');
  });

  it('finds the Chinese-language COVID-19 trackers of late January 2020 in a real stream', async () => {
    const text = readFileSync(FIXTURE, 'utf8');
    // Ranking only (no score floor): the fixture has a shorter history than a real deployment.
    const days = await run(text, { sourceKey: 'url', radar: { minScore: 0 } });
    expect(days[0]!.date).toBe('2019-11-15');
    expect(days.at(-1)!.date).toBe('2020-02-05');
    const before = days.filter((d) => d.date < '2020-01-24');
    const covid = /ncov|wuhan|武汉|肺炎|疫情|冠状|新冠/;
    expect(before.every((d) => d.suggestions.every((s) => !s.terms.some((t) => covid.test(t))))).toBe(true);
    const late = days.filter((d) => d.date >= '2020-01-27');
    const top = late.map((d) => d.suggestions[0]).find((s) => s && s.terms.some((t) => covid.test(t)));
    expect(top).toBeDefined();
    expect(new Set(top!.examples.map((e) => e.source)).size).toBeGreaterThanOrEqual(3);
    expect(top!.examples.filter((e) => covid.test(e.title.toLowerCase())).length).toBeGreaterThanOrEqual(3);
  });
});
