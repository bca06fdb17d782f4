import type { Context } from 'hono';
import { viewerFor, type Viewer } from '../access/index.js';
import { listTopicRefs } from '../db/topics/refs.js';
import type { AppDeps, AppEnv } from './types.js';

/**
 * The viewer of this request, built once (on first use, after identity has run) from the signed-in user or token
 * and the topic catalog. Every read path in routes and pages takes its viewer from here.
 */
export function requestViewer<E extends AppEnv>(c: Context<E>, deps: Pick<AppDeps, 'sqlite' | 'config'>): Viewer {
  const ctx = c as unknown as Context<AppEnv>;
  const user = ctx.get('user') ?? null;
  const cached = ctx.get('viewer');
  if (cached && cached.user === user) return cached;
  const viewer = viewerFor(user, listTopicRefs(deps.sqlite), { publicRead: deps.config.publicRead });
  ctx.set('viewer', viewer);
  return viewer;
}
