import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { radarItemsPage } from '../../src/db/items/radar-items.js';
import { topicIdOfSlug } from '../../src/db/topics/topic-ids.js';
import { backtest } from '../../src/signals/backtest.js';
import { toRadarItem } from '../../src/signals/live.js';
import { replay } from '../../src/signals/replay.js';
import type { ReplayDay } from '../../src/signals/replay.js';
import { vigie } from '../helpers/cli.js';
import { makeRadarNetwork, type RadarNetwork } from './network.js';

let net: RadarNetwork;
beforeAll(async () => {
  net = await makeRadarNetwork();
});
afterAll(() => net.close());

const tomato = (d: ReplayDay) => d.suggestions.find((s) => /tomato|quantum|harvest/.test(`${s.label} ${s.terms.join(' ')}`));

async function run(topic: string | null, from: string, to: string): Promise<ReplayDay[]> {
  const days: ReplayDay[] = [];
  const topicId = topic === null ? null : topicIdOfSlug(net.deps.sqlite, topic);
  await backtest(net.deps.sqlite, { from, to, topicId, top: 10 }, (d) => days.push(d));
  return days;
}

describe('backtest over stored items (real SQLite)', () => {
  it('prints one replay line per day from --from to --to, with the emerging topic and its evidence on the days it emerged', async () => {
    const days = await run('sante', '2026-03-05', '2026-03-10');
    expect(days.map((d) => d.date)).toEqual(['2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']);
    expect(days.slice(0, 2).every((d) => !tomato(d))).toBe(true);
    const s = tomato(days.at(-1)!)!;
    expect(s).toBeDefined();
    expect(s.sources).toBe(6);
    expect(s.examples.length).toBeGreaterThanOrEqual(3);
    expect(s.examples.every((e) => /^https:\/\/s\d+\.example\//.test(e.url!))).toBe(true);
    expect(s.firstSeen).toMatchObject({ source: 's0' });
    expect(s.why).toMatch(/items from 6 sources/);
    expect(s.counts).toHaveLength(28);
  });

  it('prints exactly what replay prints for the same items written as JSONL (one engine)', async () => {
    const sante = topicIdOfSlug(net.deps.sqlite, 'sante')!;
    const rows = radarItemsPage(net.deps.sqlite, { after: { at: 0, id: 0 }, until: Date.UTC(2026, 2, 11) - 1, topicId: sante, limit: 100_000 });
    const lines = rows.map((r) => JSON.stringify(toRadarItem(r, [])));
    async function* input() {
      yield* lines;
    }
    const replayed: ReplayDay[] = [];
    await replay(input(), { top: 10, sourceKey: 'source', from: '2026-03-05', to: '2026-03-10' }, (d) => replayed.push(d));
    expect(await run('sante', '2026-03-05', '2026-03-10')).toEqual(replayed);
  });

  it('reads only the topic asked for: the climat sources never carried the new topic', async () => {
    const days = await run('climat', '2026-03-08', '2026-03-10');
    expect(days).toHaveLength(3);
    expect(days.every((d) => !tomato(d))).toBe(true);
  });

  it('runs from the command line, and refuses an unknown topic or a reversed range', async () => {
    const r = await vigie(['signals', 'backtest', '--from', '2026-03-09', '--to', '2026-03-10', '--topic', 'sante'], net.install.env);
    expect(r.code).toBe(0);
    const days = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as ReplayDay);
    expect(days.map((d) => d.date)).toEqual(['2026-03-09', '2026-03-10']);
    expect(tomato(days[1]!)).toBeDefined();
    expect(r.stderr).toMatch(/items; 2 days printed \(2026-03-09 to 2026-03-10\)/);
    const network = await vigie(['signals', 'backtest', '--from', '2026-03-10', '--to', '2026-03-10'], net.install.env);
    expect(network.code).toBe(0);
    expect(tomato(JSON.parse(network.stdout) as ReplayDay)).toBeDefined();
    const unknown = await vigie(['signals', 'backtest', '--from', '2026-03-09', '--to', '2026-03-10', '--topic', 'nope'], net.install.env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no topic with slug 'nope'/);
    const reversed = await vigie(['signals', 'backtest', '--from', '2026-03-10', '--to', '2026-03-01'], net.install.env);
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toMatch(/after --to/);
  });
});
