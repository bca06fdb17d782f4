import { describe, expect, it } from 'vitest';
import { replay } from '../../src/signals/replay.js';
import type { ReplayDay, ReplayOptions, ReplaySummary } from '../../src/signals/replay.js';
import { background, dayIso, sortByDate } from './synthetic.js';

async function* linesOf(text: string): AsyncIterable<string> {
  yield* text.split('\n');
}

async function run(text: string, options: Partial<ReplayOptions> = {}): Promise<{ days: ReplayDay[]; summary: ReplaySummary; warnings: string[] }> {
  const days: ReplayDay[] = [];
  const warnings: string[] = [];
  const summary = await replay(linesOf(text), { top: 10, sourceKey: 'source', ...options }, (d) => days.push(d), (m) => warnings.push(m));
  return { days, summary, warnings };
}

/** Six outlets take up a new story over days 58-60, two a day; `shape` rewrites each of its lines. */
function story(shape: (line: Record<string, unknown>, i: number) => Record<string, unknown>): string {
  const burst = Array.from({ length: 6 }, (_, i) => ({
    date: `${dayIso(58 + Math.floor(i / 2))}T1${i}:00:00Z`, title: `Glacier dam breach floods valley ${i}`, source: `desk-${i}`, url: `https://news.example/${i}`,
  }));
  const items = sortByDate(background(61), burst.map((b, i) => shape(b, i) as never));
  return items.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

const aboutGlacier = (d: ReplayDay | undefined) => (d?.suggestions ?? []).some((s) => /glacier|dam breach/.test(`${s.label} ${s.terms.join(' ')}`));

describe('replay input', () => {
  it('reads lines whose url is null or absent, and whose id is missing: a headline without a link still counts', async () => {
    const { days, summary, warnings } = await run(story(({ url: _url, ...rest }, i) => (i % 2 ? { ...rest, url: null } : rest)));
    expect(summary.skipped).toBe(0);
    expect(warnings).toEqual([]);
    expect(summary.items).toBe(61 * 30 + 6);
    const top = days.find((d) => d.date === dayIso(60))!;
    expect(aboutGlacier(top)).toBe(true);
    const s = top.suggestions.find((x) => /glacier|dam/.test(x.label))!;
    expect(s.sources).toBe(6);
    expect(s.examples.some((e) => e.url === undefined)).toBe(true);
  });

  it('finds the same story whether its lines have links or not', async () => {
    const withUrl = await run(story((l) => l));
    const withoutUrl = await run(story((l) => ({ ...l, url: null })));
    expect(aboutGlacier(withUrl.days.at(-1))).toBe(true);
    expect(aboutGlacier(withoutUrl.days.at(-1))).toBe(true);
  });

  it('refuses a repeated id with a message naming both lines, and keeps the first', async () => {
    const text = [
      { date: '2024-01-01', title: 'a', source: 's', id: 'x1' },
      { date: '2024-01-01', title: 'b', source: 't', id: 'x2' },
      { date: '2024-01-02', title: 'c', source: 's', id: 'x1' },
    ].map((l) => JSON.stringify(l)).join('\n');
    const { summary, warnings } = await run(text);
    expect(summary).toMatchObject({ read: 3, items: 2, skipped: 1, duplicates: 1 });
    expect(warnings).toEqual(['line 3: skipped (id "x1" already read on line 1)']);
  });

  it('takes the UTC day of timestamps with an offset, and dates without a time', async () => {
    const text = [
      { date: '2024-01-01', title: 'a', source: 's' },
      // 23:30 in New York on 1 January is 04:30 UTC on the 2nd.
      { date: '2024-01-01T23:30:00-05:00', title: 'b', source: 's' },
      { date: '2024-01-03T01:00:00+02:00', title: 'c', source: 's' },
    ].map((l) => JSON.stringify(l)).join('\n');
    const { days, summary } = await run(text);
    expect(summary).toMatchObject({ items: 3, skipped: 0, late: 0, firstDay: '2024-01-01', lastDay: '2024-01-02' });
    expect(days.map((d) => d.date)).toEqual(['2024-01-01', '2024-01-02']);
  });

  it('keeps an out-of-order line as history and says which line it was', async () => {
    const text = [
      { date: '2024-01-01', title: 'a', source: 's' },
      { date: '2024-01-03', title: 'b', source: 's' },
      { date: '2024-01-02', title: 'c', source: 's' },
      { date: '2024-01-04', title: 'd', source: 's' },
    ].map((l) => JSON.stringify(l)).join('\n');
    const { days, summary, warnings } = await run(text);
    expect(summary).toMatchObject({ read: 4, items: 4, late: 1, skipped: 0 });
    expect(days.map((d) => d.date)).toEqual(['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^line 3: dated 2024-01-02, before 2024-01-03 already printed/);
  });

  it.each([
    ['not json', /line 1: skipped \(not a JSON object\)/],
    ['{"date":"2024-01-01","source":"s"}', /line 1: skipped \(title: /],
    ['{"date":"2024-01-01","title":"a"}', /line 1: skipped \(source: /],
    ['{"date":"2024-01-01","title":"a","source":""}', /line 1: skipped \(source: /],
    ['{"date":"soon","title":"a","source":"s"}', /line 1: skipped \(unreadable date "soon"\)/],
    ['{"date":"2024-01-01","title":"a","source":"s","url":42}', /line 1: skipped \(url: /],
  ])('refuses %s with a message naming the line and the field', async (line, message) => {
    const { summary, warnings } = await run(`${line}\n{"date":"2024-01-02","title":"ok","source":"s"}\n`);
    expect(summary).toMatchObject({ read: 2, items: 1, skipped: 1 });
    expect(warnings[0]).toMatch(message);
  });

  it('names only the first twenty bad lines, then counts the rest', async () => {
    const text = Array.from({ length: 30 }, () => 'garbage').join('\n') + '\n{"date":"2024-01-02","title":"ok","source":"s"}\n';
    const { summary, warnings } = await run(text);
    expect(summary.skipped).toBe(30);
    expect(warnings).toHaveLength(21);
    expect(warnings.at(-1)).toBe('10 more skipped lines not shown');
  });
});
