import { Hono } from 'hono';
import type { StreamFilterValues } from '../../../web/views/stream-filters.js';
import { NotFoundPage } from '../../../web/views/item.js';
import { StreamPage, type StreamItem } from '../../../web/views/stream.js';
import { listItems } from '../../db/items/list.js';
import { itemLanguages, streamExtras } from '../../db/items/stream-extras.js';
import { listSourceOptions, sourceReadable } from '../../db/sources/list.js';
import { listTopics } from '../../db/topics/list.js';
import { primaryLang } from '../../text/lang.js';
import { parseQuery } from '../../search/query.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { AppDeps } from '../types.js';
import { requestViewer } from '../viewer.js';
import { pageUser, readAllowed, toLogin, viewContext, type PageContext, type PageEnv } from './pages-context.js';
import { decodeSearchCursor, encodeSearchCursor } from './search.js';

const PAGE = 50;
const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SLUG = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

function filtersOf(c: PageContext, signedIn: boolean): StreamFilterValues {
  const q = (name: string, re?: RegExp) => {
    const v = c.req.query(name)?.trim();
    return v && (!re || re.test(v)) ? v.slice(0, 2000) : undefined;
  };
  const sort = q('sort');
  return {
    q: q('q'),
    topic: q('topic', SLUG),
    source: q('source', SLUG),
    lang: primaryLang(q('lang')) ?? undefined,
    from: q('from', DATE),
    to: q('to', DATE),
    sort: sort === 'relevance' || sort === 'date' ? sort : undefined,
    ...(signedIn ? { tag: q('tag')?.slice(0, 64), signal: q('signal', /^(watching|confirmed|dismissed)$/), unread: c.req.query('unread') === '1' } : {}),
  };
}

/** The stream: newest first from SQLite, or, with a query or a search filter, answered by the search backend. */
export function streamRoutes(deps: AppDeps) {
  const app = new Hono<PageEnv>();
  // Languages present change slowly: counted at most every ten minutes.
  let langs: { at: number; list: string[] } | null = null;
  const languages = () => {
    const now = deps.clock.now();
    if (!langs || now - langs.at > 600_000) {
      langs = { at: now, list: itemLanguages(deps.sqlite) };
    }
    return langs.list;
  };

  app.get('/', async (c) => {
    if (!readAllowed(deps, c)) return toLogin(c);
    const user = pageUser(c);
    const viewer = requestViewer(c, deps);
    const f = filtersOf(c, Boolean(user));
    // Filter lists offer what the viewer reads; a filter on anything else (unknown or unreadable) shows nothing.
    const topics = listTopics(deps.sqlite, viewer);
    const sources = listSourceOptions(deps.sqlite, viewer);
    if (f.topic && !topics.some((t) => t.slug.toLowerCase() === f.topic!.toLowerCase())) return c.html(<NotFoundPage ctx={viewContext(deps, c)} message={c.get('t')('topics.notFound')} />, 404);
    if (f.source && !sourceReadable(deps.sqlite, viewer, f.source)) return c.html(<NotFoundPage ctx={viewContext(deps, c)} />, 404);
    const cursor = c.req.query('cursor');
    const useSearch = Boolean(f.q || f.tag || f.signal || f.lang || f.from || f.to || f.sort === 'relevance');
    const params = new URLSearchParams(
      Object.entries({ ...f, unread: f.unread ? '1' : undefined }).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
    );
    let items: StreamItem[];
    let next: string | null = null;
    let search: { total: number; estimate: boolean; backend: string } | null = null;
    if (useSearch) {
      const from = f.from ? Date.parse(f.from) : undefined;
      const to = f.to ? Date.parse(f.to) + DAY_MS : undefined;
      const offset = cursor ? (decodeSearchCursor(cursor) ?? 0) : 0;
      const res = await deps.search.search({
        query: parseQuery(f.q ?? ''),
        filters: { topic: f.topic, source: f.source, tag: f.tag, signal: f.signal, lang: f.lang, from, to: from !== undefined && to !== undefined && to <= from ? undefined : to },
        sort: f.sort ?? (f.q ? 'relevance' : 'date'),
        offset,
        limit: PAGE,
        viewer,
        facets: false,
      });
      const extras = streamExtras(deps.sqlite, viewer, res.hits.map((h) => h.id));
      items = res.hits
        .map((h) => ({
          id: h.id,
          title: h.title,
          titleHtml: h.titleHtml,
          snippetHtml: h.snippet,
          url: h.url,
          source: h.source,
          sourceName: h.sourceName,
          topics: h.topics,
          publishedAt: Date.parse(h.published),
          summary: null,
          lang: h.lang,
          clusterSources: extras.get(h.id)?.clusterSize ?? 1,
          read: user ? (extras.get(h.id)?.read ?? false) : null,
          signal: h.signal ?? null,
        }))
        .filter((it) => !f.unread || it.read === false);
      search = { total: res.total, estimate: res.totalIsEstimate, backend: res.backend };
      if (res.nextOffset !== null) next = `/?${withParam(params, 'cursor', encodeSearchCursor(res.nextOffset))}`;
    } else {
      const page = listItems(deps.sqlite, viewer, {
        topic: topics.find((t) => t.slug.toLowerCase() === f.topic?.toLowerCase())?.slug,
        source: f.source,
        limit: PAGE,
        cursor: cursor ? (decodeCursor(cursor) ?? undefined) : undefined,
        unreadOnly: f.unread,
      });
      items = page.items.map((i) => ({ ...i, clusterSources: i.clusterSize, read: user ? i.read : null }));
      if (page.next) next = `/?${withParam(params, 'cursor', encodeCursor(page.next))}`;
    }
    return c.html(
      <StreamPage
        ctx={viewContext(deps, c)}
        items={items}
        topics={topics}
        sources={sources}
        langs={languages()}
        filters={f}
        nextHref={next}
        hasSources={sources.length > 0}
        search={search}
      />,
    );
  });
  return app;
}

function withParam(params: URLSearchParams, key: string, value: string): string {
  const p = new URLSearchParams(params);
  p.set(key, value);
  return p.toString();
}
