/** The pure parts behind the screens: form fields to API JSON, the map's layout, the report's CSV. */
import { describe, expect, it } from 'vitest';
import { layoutGraph } from '../../web/views/graph-layout.js';
import { reportCsv, type TopicActivity } from '../../src/db/topics/activity-report.js';
import { formToJson } from '../../src/http/routes/pages-act.js';

describe('form fields to API JSON', () => {
  it.each([
    [{ 'strength:int': '3', rationale: 'Un cas' }, { strength: 3, rationale: 'Un cas' }],
    [{ 'tags:list': ' santé , yémen,, ' }, { tags: ['santé', 'yémen'] }],
    [{ 'enabled:bool': 'false' }, { enabled: false }],
    [{ 'public:bool': ['false', 'true'] }, { public: true }],
    [{ 'query.q': 'climat', 'query.topic': 'monde', name: 'Veille' }, { query: { q: 'climat', topic: 'monde' }, name: 'Veille' }],
    [{ note: '', _csrf: 'x', _path: '/api/v1/x' }, {}],
  ] as const)('%j → %j', (form, json) => {
    expect(formToJson(form as unknown as Record<string, string | string[]>)).toEqual(json);
  });
});

describe('network map layout', () => {
  const input = {
    topics: [{ id: 1, name: 'Monde' }, { id: 2, name: 'Tech' }, { id: 3, name: 'Santé' }],
    satellites: [
      ...Array.from({ length: 20 }, (_, i) => ({ topicId: 1, key: `s${i}`, kind: 'source' as const, label: `Source ${i}` })),
      { topicId: 2, key: 'ana', kind: 'curator' as const, label: 'Ana' },
    ],
    shared: [{ a: 1, b: 2, clusters: 4 }],
  };

  it('keeps every node inside the picture and caps crowded topics', () => {
    const { nodes, edges, hidden } = layoutGraph(input, 960, 680);
    for (const n of nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.x).toBeLessThanOrEqual(960);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeLessThanOrEqual(680);
    }
    expect(nodes.filter((n) => n.kind === 'topic')).toHaveLength(3);
    expect(hidden.get(1)).toBe(6);
    expect(edges.filter((e) => e.kind === 'shared')).toEqual([{ from: 't1', to: 't2', weight: 4, kind: 'shared' }]);
  });

  it('is deterministic', () => {
    expect(layoutGraph(input, 960, 680)).toEqual(layoutGraph(input, 960, 680));
  });
});

describe('activity report CSV', () => {
  it('quotes what needs quoting', () => {
    const row: TopicActivity = {
      topic: 'monde', name: 'Monde, "international"', gathered: 12, flagged: 2, confirmed: 1, approved: 3, republished: 3, contributors: 2,
      sources: 4, sourcesFailing: 1, sourcesPaused: 0, digestSubscribers: 2, digestDeliveries: 5,
    };
    const csv = reportCsv([row], { from: '2026-01-01', to: '2026-11-23' });
    const [header, line] = csv.trimEnd().split('\r\n');
    expect(header).toBe('topic,name,from,to,gathered,flagged,confirmed,approved,republished,contributors,sources,sourcesFailing,sourcesPaused,digestSubscribers,digestDeliveries');
    expect(line).toBe('monde,"Monde, ""international""",2026-01-01,2026-11-23,12,2,1,3,3,2,4,1,0,2,5');
  });
});
