import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AuthUser, Membership } from '../../src/accounts/types.js';
import {
  accessParams,
  anonymousViewer,
  canReadCuration,
  canReadItem,
  canSeeSourceSecrets,
  curationReadableSql,
  itemReadableSql,
  meiliReadableFilter,
  publicViewer,
  redactUrl,
  viewerFor,
  type TopicRef,
} from '../../src/access/index.js';

const catalog: TopicRef[] = [
  { id: 1, slug: 'open', public: true },
  { id: 2, slug: 'closed', public: false },
  { id: 3, slug: 'other-closed', public: false },
];

function person(role: AuthUser['role'], memberships: Membership[]): AuthUser {
  return { id: 7, email: 'p@example.org', displayName: 'P', role, memberships, via: 'session', scope: 'all', sessionId: 1, tokenId: null, csrfToken: 'x' };
}

const on = { publicRead: true };
const off = { publicRead: false };

describe('the visibility rule', () => {
  it.each([
    ['anonymous, public reading on', anonymousViewer(catalog, on), [1]],
    ['anonymous, public reading off', anonymousViewer(catalog, off), []],
    ['a stranger with an account', viewerFor(person('member', []), catalog, on), [1]],
    ['a stranger, public reading off', viewerFor(person('member', []), catalog, off), []],
    ['a member of the closed topic', viewerFor(person('member', [{ topicId: 2, role: 'member' }]), catalog, on), [1, 2]],
    ['a curator of the closed topic, public reading off', viewerFor(person('curator', [{ topicId: 2, role: 'curator' }]), catalog, off), [2]],
  ])('%s reads topics %j', (_name, viewer, topics) => {
    for (const t of catalog) expect(canReadItem(viewer, [t.id]), `topic ${t.id}`).toBe(topics.includes(t.id));
    expect(canReadItem(viewer, [])).toBe(false);
  });

  it('admins and network-wide members read everything, items without a topic included', () => {
    for (const v of [viewerFor(person('admin', []), catalog, off), viewerFor(person('member', [{ topicId: null, role: 'member' }]), catalog, off)]) {
      expect(v.topics).toBe('all');
      expect(canReadItem(v, [])).toBe(true);
      expect(meiliReadableFilter(v)).toBeNull();
    }
  });

  it('an item in a public and a private topic is readable through the public one', () => {
    expect(canReadItem(anonymousViewer(catalog, on), [2, 1])).toBe(true);
  });

  it('curation: signed-in readers of its topic see it, anonymous readers only what was published', () => {
    const member = viewerFor(person('member', [{ topicId: 2, role: 'member' }]), catalog, on);
    const other = viewerFor(person('member', [{ topicId: 3, role: 'member' }]), catalog, on);
    const anon = anonymousViewer(catalog, on);
    expect(canReadCuration(member, 2, false)).toBe(true);
    expect(canReadCuration(other, 2, false)).toBe(false);
    expect(canReadCuration(other, 2, true)).toBe(false);
    expect(canReadCuration(anon, 1, false)).toBe(false);
    expect(canReadCuration(anon, 1, true)).toBe(true);
    expect(canReadCuration(publicViewer(catalog), 2, true)).toBe(false);
  });

  it('source secrets: only the curators of its topics and admins', () => {
    expect(canSeeSourceSecrets(viewerFor(person('member', [{ topicId: 2, role: 'curator' }]), catalog, on), [2])).toBe(true);
    expect(canSeeSourceSecrets(viewerFor(person('member', [{ topicId: 2, role: 'member' }]), catalog, on), [2])).toBe(false);
    expect(redactUrl('https://user:pw@example.org/feed?key=s3cret&lang=fr#x')).toBe('https://example.org/feed?key=…&lang=…');
  });

  it('the SQL fragments and the search filter say the same as the plain functions', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE source_topics (source_id INTEGER, topic_id INTEGER);
      INSERT INTO source_topics VALUES (10, 1), (20, 2), (30, 1), (30, 2);
      CREATE TABLE s (id INTEGER); INSERT INTO s VALUES (10), (20), (30), (40);
      CREATE TABLE c (topic_id INTEGER, published INTEGER); INSERT INTO c VALUES (1, 0), (1, 1), (2, 0), (NULL, 1), (NULL, 0);`);
    const viewers = [
      anonymousViewer(catalog, on),
      anonymousViewer(catalog, off),
      viewerFor(person('member', [{ topicId: 2, role: 'member' }]), catalog, off),
      viewerFor(person('admin', []), catalog, off),
    ];
    const topicsOf: Record<number, number[]> = { 10: [1], 20: [2], 30: [1, 2], 40: [] };
    for (const v of viewers) {
      const ids = (db.prepare(`SELECT id FROM s WHERE ${itemReadableSql(v, 's.id')} ORDER BY id`).all(accessParams(v)) as { id: number }[]).map((r) => r.id);
      expect(ids).toEqual([10, 20, 30, 40].filter((id) => canReadItem(v, topicsOf[id]!)));
      const rows = db.prepare(`SELECT topic_id AS t, published AS p FROM c WHERE ${curationReadableSql(v, 'topic_id', 'published = 1')}`).all(accessParams(v)) as { t: number | null; p: number }[];
      const expected = (db.prepare(`SELECT topic_id AS t, published AS p FROM c`).all() as { t: number | null; p: number }[]).filter((r) => canReadCuration(v, r.t, r.p === 1));
      expect(rows).toEqual(expected);
    }
    expect(meiliReadableFilter(anonymousViewer(catalog, on))).toBe('topicIds IN [1]');
    expect(meiliReadableFilter(anonymousViewer(catalog, off))).toBe('topicIds = -1');
  });
});
