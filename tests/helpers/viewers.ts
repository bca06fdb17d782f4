/** Viewers for tests that call the search backends directly. */
import { anonymousViewer, systemViewer, type Viewer } from '../../src/access/index.js';
import type { Sqlite } from '../../src/db/client.js';
import { listTopicRefs } from '../../src/db/topics/refs.js';

/** Someone who has not signed in, public reading on, with the topics as they are now. */
export function anonymousReader(sqlite: Sqlite): Viewer {
  return anonymousViewer(listTopicRefs(sqlite), { publicRead: true });
}

/** Reads every topic and all curation (what `anonymous: false` meant before the viewer). */
export const everyReader = (): Viewer => systemViewer();
