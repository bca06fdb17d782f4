import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveRadar, feedNewItems, runRadar } from '../../src/signals/live.js';
import { listSuggestions } from '../../src/db/radar/suggestions.js';
import { makeRadarNetwork, NOW, type RadarNetwork } from './network.js';

let net: RadarNetwork;
beforeAll(async () => {
  net = await makeRadarNetwork();
});
afterAll(() => net.close());

const topicId = (slug: string) => net.deps.sqlite.prepare(`SELECT id FROM topics WHERE slug = ?`).pluck().get(slug) as number;

describe('live radar over the database', () => {
  it("stores today's suggestions for the topic where a term emerged, and network-wide, with their evidence", async () => {
    const run = await runRadar(net.deps);
    expect(run.day).toBe('2026-03-10');
    expect(run.fed).toBe(16 * 63 + 6);
    const sante = listSuggestions(net.deps.sqlite, topicId('sante'));
    expect(sante.day).toBe('2026-03-10');
    const [top] = sante.suggestions;
    expect(top).toBeDefined();
    expect(`${top!.label} ${top!.evidence.terms.join(' ')}`).toMatch(/tomato|quantum|harvest/);
    expect(top!.sources).toBe(6);
    // Sparkline: 28 days ending today, the six adoptions in the last four days.
    expect(top!.evidence.counts).toHaveLength(28);
    expect(top!.evidence.counts.slice(-4).reduce((a, b) => a + b, 0)).toBe(6);
    expect(top!.evidence.firstSeen).toMatchObject({ date: '2026-03-07T10:00:00.000Z', source: 's0' });
    // Five representative items, from distinct sources, pointing at real rows.
    expect(top!.evidence.examples).toHaveLength(5);
    expect(new Set(top!.evidence.examples.map((e) => e.source)).size).toBe(5);
    for (const e of top!.evidence.examples) {
      const title = net.deps.sqlite.prepare(`SELECT title FROM items WHERE id = ?`).pluck().get(e.itemId) as string;
      expect(title).toMatch(/Quantum tomato harvest/);
      expect(e.title).toBe(title);
    }
    expect(top!.evidence.carriers).toHaveLength(6);
    // The network sees it too; the topic where nothing emerged stays quiet.
    expect(listSuggestions(net.deps.sqlite, null).suggestions[0]?.label).toBe(top!.label);
    expect(listSuggestions(net.deps.sqlite, topicId('climat'))).toEqual({ day: '2026-03-10', suggestions: [] });
  });

  it('feeds only the items added since the last run, and reaches what a rebuild computes', async () => {
    const live = createLiveRadar();
    expect(await feedNewItems(net.deps.sqlite, live, NOW)).toBe(16 * 63 + 6);
    expect(await feedNewItems(net.deps.sqlite, live, NOW)).toBe(0);
    const kept = await runRadar(net.deps, live);
    expect(kept.fed).toBe(0);
    const fromKept = listSuggestions(net.deps.sqlite, topicId('sante')).suggestions.map((s) => [s.label, s.score]);
    await runRadar(net.deps);
    expect(listSuggestions(net.deps.sqlite, topicId('sante')).suggestions.map((s) => [s.label, s.score])).toEqual(fromKept);
  });

  it('replaces the day’s suggestions when run again instead of piling them up', async () => {
    await runRadar(net.deps);
    await runRadar(net.deps);
    const n = net.deps.sqlite.prepare(`SELECT count(*) FROM radar_suggestions WHERE day = '2026-03-10' AND topic_id = ?`).pluck().get(topicId('sante'));
    expect(n).toBe(listSuggestions(net.deps.sqlite, topicId('sante')).suggestions.length);
  });
});
