/**
 * The viewer: who is reading, built once per request or job. Every read path receives one and asks the rule in
 * this folder what it may see; no caller passes visibility flags of its own.
 *
 * A topic is readable by anyone when it is public and public reading is on; otherwise by its members, curators and
 * admins. A membership with no topic (network-wide) covers every topic, as an admin does; such viewers read every
 * item, including items whose source has no topic. An API token acts as its owner (its scope limits writes only).
 */
import type { AuthUser } from '../accounts/types.js';

/** The little the rule needs to know about a topic. */
export interface TopicRef {
  id: number;
  slug: string;
  public: boolean;
}

export type ViewerKind = 'anonymous' | 'person' | 'system';

export interface Viewer {
  readonly kind: ViewerKind;
  /** The signed-in person (or the token's owner); null for anonymous readers and jobs. */
  readonly user: AuthUser | null;
  readonly userId: number | null;
  readonly isAdmin: boolean;
  /** Topics whose items this viewer reads; 'all' = every topic and items without a topic. */
  readonly topics: 'all' | ReadonlySet<number>;
  /** Topics this viewer curates (admins: all). */
  readonly curates: 'all' | ReadonlySet<number>;
  /** Slugs of the readable topics (for search filters and listings); 'all' as above. */
  readonly topicSlugs: 'all' | readonly string[];
}

export interface ViewerOptions {
  /** VIGIE_PUBLIC_READ: public topics are readable without an account. */
  publicRead: boolean;
}

function slugsOf(catalog: readonly TopicRef[], ids: ReadonlySet<number>): string[] {
  return catalog.filter((t) => ids.has(t.id)).map((t) => t.slug);
}

/** The viewer of a request: anonymous when `user` is null, else the person with their memberships. */
export function viewerFor(user: AuthUser | null | undefined, catalog: readonly TopicRef[], opts: ViewerOptions): Viewer {
  if (!user) return anonymousViewer(catalog, opts);
  const networkWide = user.memberships.filter((m) => m.topicId === null);
  if (user.role === 'admin') {
    return { kind: 'person', user, userId: user.id, isAdmin: true, topics: 'all', curates: 'all', topicSlugs: 'all' };
  }
  const networkCurator = networkWide.some((m) => m.role === 'curator');
  const curates = networkCurator ? 'all' : new Set(user.memberships.filter((m) => m.role === 'curator' && m.topicId !== null).map((m) => m.topicId as number));
  if (networkWide.length > 0) {
    return { kind: 'person', user, userId: user.id, isAdmin: false, topics: 'all', curates, topicSlugs: 'all' };
  }
  const readable = new Set<number>(user.memberships.map((m) => m.topicId as number));
  if (opts.publicRead) for (const t of catalog) if (t.public) readable.add(t.id);
  return { kind: 'person', user, userId: user.id, isAdmin: false, topics: readable, curates, topicSlugs: slugsOf(catalog, readable) };
}

/** Someone who has not signed in: public topics while public reading is on, nothing otherwise. */
export function anonymousViewer(catalog: readonly TopicRef[], opts: ViewerOptions): Viewer {
  const readable = new Set<number>(opts.publicRead ? catalog.filter((t) => t.public).map((t) => t.id) : []);
  return { kind: 'anonymous', user: null, userId: null, isAdmin: false, topics: readable, curates: new Set(), topicSlugs: slugsOf(catalog, readable) };
}

/**
 * The world at large, for what the network republishes (public topic pages, their feeds, the sitemap, the widget,
 * official digests of public topics): public topics only, and only what was published in them.
 */
export function publicViewer(catalog: readonly TopicRef[]): Viewer {
  return anonymousViewer(catalog, { publicRead: true });
}

/** Jobs that work on the whole store (indexing, fetching, backups): they read everything and show it to no one. */
export function systemViewer(): Viewer {
  return { kind: 'system', user: null, userId: null, isAdmin: true, topics: 'all', curates: 'all', topicSlugs: 'all' };
}
