import type { Context } from 'hono';
import { viewerFor, type Viewer } from '../access/index.js';
import { listTopicRefs } from '../db/topics/refs.js';
import type { AppDeps, AppEnv } from './types.js';

/**
 * The viewer of this request, built once (on first use, after identity has run) from the signed-in user or token
 * and the topic catalog. Every read path in routes and pages takes its viewer from here.
 */
export function requestViewer<E extends AppEnv>(ctx: Context<E>, deps: Pick<AppDeps, 'sqlite' | 'config'>): Viewer {
  // Pages add their own variables (locale, translator) to the app's: the ones read here are the app's.
  const c = ctx as unknown as Context<AppEnv>;
  const user = c.get('user') ?? null;
  const cached = c.get('viewer');
  if (cached && cached.user === user) return cached;
  const viewer = viewerFor(user, listTopicRefs(deps.sqlite), { publicRead: deps.config.publicRead });
  c.set('viewer', viewer);
  return viewer;
}
