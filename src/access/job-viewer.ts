/**
 * Viewers built inside jobs (digests, exports): a job acts for one person, with that person's rights at run time,
 * loaded through the accounts owner like a request's identity would be.
 */
import { loadAuthUser } from '../accounts/users.js';
import type { Sqlite } from '../db/client.js';
import { listTopicRefs } from '../db/topics/refs.js';
import { anonymousViewer, viewerFor, type TopicRef, type Viewer, type ViewerOptions } from './viewer.js';

/** The viewer of user `userId` in a job: their memberships now; a removed account reads what anonymous readers do. */
export function viewerForUserId(sqlite: Sqlite, userId: number, opts: ViewerOptions, catalog: readonly TopicRef[] = listTopicRefs(sqlite)): Viewer {
  const user = loadAuthUser(sqlite, userId, { via: 'session', scope: 'read', sessionId: null, tokenId: null, csrfToken: null });
  return user ? viewerFor(user, catalog, opts) : anonymousViewer(catalog, opts);
}
