import type { Context, MiddlewareHandler } from 'hono';
import type { AuthUser } from '../../accounts/types.js';
import { itemRef, type ItemRef } from '../../curation/item-topics.js';
import { canActAnywhere, canActOn, canReadTopic, canWrite, type Level } from '../../curation/permissions.js';
import { canReadItem as itemReadable } from '../../access/rule.js';
import { sendError } from '../errors.js';
import { requestViewer } from '../viewer.js';
import type { AppDeps, AppEnv } from '../types.js';

/** A refusal a permission check returns: status, code and a sentence. */
export type Denial = { status: 401 | 403 | 404; code: string; message: string };
type Check = (c: Context<AppEnv>, user: AuthUser | null) => Denial | null | Promise<Denial | null>;

export const unauthenticated: Denial = { status: 401, code: 'unauthenticated', message: 'sign in to do this' };
export const forbidden = (message: string): Denial => ({ status: 403, code: 'forbidden', message });
export const notFound = (message: string): Denial => ({ status: 404, code: 'not_found', message });

/**
 * Runs a permission check as route middleware, i.e. BEFORE the route validates its input: a refused request
 * learns nothing about what a valid body would have been.
 */
export function permit(check: Check): MiddlewareHandler<AppEnv> {
  return async function authorise(c, next) {
    const denial = await check(c, c.get('user') ?? null);
    if (denial) return sendError(c, denial.status, denial.code, denial.message);
    return next();
  };
}

/** A signed-in user (any role); `write` also refuses read-scoped tokens. */
export function signedIn(write = false): Check {
  return (_c, user) => (!user ? unauthenticated : write && !canWrite(user) ? forbidden('this token has the read scope') : null);
}

/** A writer holding `level` in some topic: refused early, before any lookup. */
export function holds(level: Level): Check {
  return (_c, user) => {
    if (!user) return unauthenticated;
    if (!canWrite(user)) return forbidden('this token has the read scope');
    return canActAnywhere(user, level) ? null : forbidden(level === 'curator' ? 'only curators of a topic may do this' : 'only members of a topic may do this');
  };
}

export function intParam(c: Context, name = 'id'): number | null {
  const raw = c.req.param(name) ?? '';
  return /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : null;
}

/** The item in the path, if `user` holds `level` in one of its topics (after the early checks of holds()). */
export function onItem(deps: AppDeps, level: Level): Check {
  const early = holds(level);
  return async (c, user) => {
    const denial = await early(c, user);
    if (denial) return denial;
    const ref = itemFromPath(deps, c);
    if (!ref) return notFound('no such item');
    return canActOn(user, ref.topicIds, level) ? null : forbidden(`you are not a ${level} of this item's topic`);
  };
}

export function itemFromPath(deps: AppDeps, c: Context): ItemRef | null {
  const id = intParam(c);
  return id === null ? null : itemRef(deps.sqlite, id);
}

/** Whether the reader may see the item at all (public topics while public reading is on, else membership). */
export function canReadItem(deps: AppDeps, user: AuthUser | null, ref: ItemRef): boolean {
  if (canActOn(user, ref.topicIds, 'member')) return true;
  return ref.topicIds.length === 0 || ref.public ? canReadTopic(user, { id: 0, public: true }, deps.config.publicRead) : false;
}

/** Reading an item's curation: 404 when the reader may not see the item (the rule of src/access). */
export function readsItem(deps: AppDeps): Check {
  return (c) => {
    const ref = itemFromPath(deps, c);
    return ref && itemReadable(requestViewer(c, deps), ref.topicIds) ? null : notFound('no such item');
  };
}
