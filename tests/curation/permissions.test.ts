/** The pure permission rules: admin global, curator/member per topic, network-wide memberships, token scopes. */
import { describe, expect, it } from 'vitest';
import type { AuthUser, Membership } from '../../src/accounts/types.js';
import { canContribute, canCurate, canInvite, canReadTopic, topicRole } from '../../src/curation/permissions.js';

const user = (role: AuthUser['role'], memberships: Membership[], scope: AuthUser['scope'] = 'all'): AuthUser => ({
  id: 1, email: 'a@b', displayName: 'A', role, memberships, via: scope === 'all' ? 'session' : 'token', scope, sessionId: null, tokenId: null, csrfToken: null,
});
const A = 1;
const B = 2;

describe('permissions', () => {
  it.each([
    ['admin', user('admin', []), [true, true, true, true]],
    ['curator of A', user('curator', [{ topicId: A, role: 'curator' }]), [true, true, false, false]],
    ['member of A', user('member', [{ topicId: A, role: 'member' }]), [true, false, false, false]],
    ['member of every topic', user('member', [{ topicId: null, role: 'member' }]), [true, false, true, false]],
    ['curator of A with a read token', user('curator', [{ topicId: A, role: 'curator' }], 'read'), [false, false, false, false]],
    ['anonymous', null, [false, false, false, false]],
  ] as const)('%s: contribute A, curate A, contribute B, curate B', (_n, u, [cA, kA, cB, kB]) => {
    expect([canContribute(u, [A]), canCurate(u, [A]), canContribute(u, [B]), canCurate(u, [B])]).toEqual([cA, kA, cB, kB]);
  });

  it('takes the highest role across memberships and reads members-only topics only as a member', () => {
    const u = user('member', [{ topicId: null, role: 'member' }, { topicId: A, role: 'curator' }]);
    expect(topicRole(u, A)).toBe('curator');
    expect(topicRole(u, B)).toBe('member');
    expect(canReadTopic(null, { id: B, public: false }, true)).toBe(false);
    expect(canReadTopic(null, { id: B, public: true }, false)).toBe(false);
    expect(canReadTopic(user('member', [{ topicId: B, role: 'member' }]), { id: B, public: false }, false)).toBe(true);
  });

  it('lets curators invite into their topics only, and only admins invite admins', () => {
    const cur = user('curator', [{ topicId: A, role: 'curator' }]);
    expect([canInvite(cur, 'member', A), canInvite(cur, 'curator', A), canInvite(cur, 'member', B), canInvite(cur, 'admin', null), canInvite(cur, 'member', null)]).toEqual([true, true, false, false, false]);
    expect(canInvite(user('admin', []), 'admin', null)).toBe(true);
  });
});
