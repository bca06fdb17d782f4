/** Curation in search documents is keyed by the topic it was made in; what a viewer reads of it, plain and as filters. */
import { describe, expect, it } from 'vitest';
import type { AuthUser, Membership } from '../../src/accounts/types.js';
import { anonymousViewer, curationScopes, meiliSignalFilter, meiliTagFilter, readableApproval, readableSignal, readableTags, systemViewer, viewerFor, type TopicRef } from '../../src/access/index.js';

const catalog: TopicRef[] = [
  { id: 1, slug: 'open', public: true },
  { id: 2, slug: 'closed', public: false },
];
const person = (role: AuthUser['role'], memberships: Membership[]): AuthUser => ({
  id: 7, email: 'p@example.org', displayName: 'P', role, memberships, via: 'session', scope: 'all', sessionId: 1, tokenId: null, csrfToken: 'x',
});
const on = { publicRead: true };
const insider = viewerFor(person('member', [{ topicId: 2, role: 'member' }]), catalog, on);
const outsider = viewerFor(person('member', []), catalog, on);

describe('curation a viewer reads in search', () => {
  it('signed-in readers: the topics they read and published network-wide flags; anonymous: none; admins and jobs: all', () => {
    expect(curationScopes(insider)).toEqual(new Set(['1', '2', 'p']));
    expect(curationScopes(outsider)).toEqual(new Set(['1', 'p']));
    expect(curationScopes(anonymousViewer(catalog, on))).toEqual(new Set());
    expect(curationScopes(viewerFor(person('admin', []), catalog, on))).toBe('all');
    expect(curationScopes(systemViewer())).toBe('all');
  });

  it('tags, the strongest readable signal and approvals come from the keys of readable topics', () => {
    expect(readableTags(outsider, ['1:vaccins', '2:sensible', '2:vaccins']).sort()).toEqual(['vaccins']);
    expect(readableTags(insider, ['1:vaccins', '2:sensible', '2:vaccins']).sort()).toEqual(['sensible', 'vaccins']);
    // Higher strength first, then confirmed before watching.
    expect(readableSignal(insider, ['1:1:confirmed', '2:3:watching'])).toBe('watching');
    expect(readableSignal(outsider, ['1:1:confirmed', '2:3:watching'])).toBe('confirmed');
    expect(readableSignal(insider, ['1:2:watching', '2:2:confirmed'])).toBe('confirmed');
    expect(readableSignal(outsider, ['n:3:confirmed'])).toBeNull();
    expect(readableSignal(outsider, ['p:3:confirmed'])).toBe('confirmed');
    expect(readableApproval(outsider, ['2'])).toBe(false);
    expect(readableApproval(insider, ['2'])).toBe(true);
  });

  it('Meilisearch filters name only readable keys, and exclude items with a stronger readable flag', () => {
    expect(meiliTagFilter(outsider, 'Vaccins')).toBe('topicTags IN ["1:vaccins"]');
    expect(meiliTagFilter(systemViewer(), 'vaccins')).toBe('tags = "vaccins"');
    expect(meiliTagFilter(outsider, 'a"b')).toBe('topicTags IN ["1:a\\"b"]');
    const f = meiliSignalFilter(outsider, 'confirmed');
    expect(f).toContain('signals IN ["1:3:confirmed", "p:3:confirmed"]');
    expect(f).toContain('(signals IN ["1:1:confirmed", "p:1:confirmed"] AND NOT signals IN [');
    expect(f).not.toContain('"2:');
    expect(meiliSignalFilter(outsider, 'dismissed')).toBe('topicIds = -1');
  });
});
