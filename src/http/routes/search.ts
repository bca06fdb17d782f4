import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sourceReadable } from '../../db/sources/list.js';
import { readableTopic } from '../../db/topics/list.js';
import { primaryLang } from '../../text/lang.js';
import { MAX_TOTAL_HITS } from '../../search/meili-index.js';
import { parseQuery } from '../../search/query.js';
import { sendError } from '../errors.js';
import type { AppDeps, AppEnv } from '../types.js';
import { requestViewer } from '../viewer.js';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const dateParam = z
  .string()
  .max(64)
  .refine((v) => Number.isFinite(Date.parse(v)), { message: 'expected an ISO 8601 date such as 2026-11-01 or 2026-11-01T08:00:00Z' });
const slug = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, { message: 'expected a slug (letters, digits, - _ .)' });

export function encodeSearchCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}
export function decodeSearchCursor(s: string): number | null {
  const m = /^o:(\d{1,7})$/.exec(Buffer.from(s, 'base64url').toString('utf8'));
  return m && Number(m[1]) < MAX_TOTAL_HITS ? Number(m[1]) : null;
}

const Query = z
  .object({
    q: z.string().max(2000, { message: 'the query is too long (at most 2,000 characters)' }).optional(),
    topic: slug.optional(),
    source: slug.optional(),
    tag: z.string().min(1).max(64).regex(/^[^\u0000-\u001f"\\]+$/, { message: 'tags cannot contain quotes, backslashes or control characters' }).optional(),
    signal: z.string().regex(/^[a-z_]{1,32}$/, { message: 'expected a signal status such as watching or confirmed' }).optional(),
    lang: z.string().refine((v) => primaryLang(v) !== null, { message: 'expected a language code such as fr or en-GB' }).optional(),
    from: dateParam.optional(),
    to: dateParam.optional(),
    sort: z.enum(['relevance', 'date']).default('relevance'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z
      .string()
      .max(64)
      .refine((v) => decodeSearchCursor(v) !== null, { message: 'not a cursor returned by this API' })
      .optional(),
  })
  .strict();

const Counts = z.record(z.string(), z.number());
const Hit = z
  .object({
    id: z.number(),
    title: z.string().nullable(),
    titleHtml: z.string().openapi({ description: 'escaped HTML, <mark> around matches' }),
    url: z.string().nullable(),
    snippet: z.string().openapi({ description: 'escaped HTML, <mark> around matches' }),
    source: z.string(),
    sourceName: z.string().nullable(),
    topic: z.string().nullable(),
    topics: z.array(z.string()),
    author: z.string().nullable(),
    lang: z.string().nullable(),
    published: z.string(),
    tags: z.array(z.string()).optional().openapi({ description: 'signed-in readers only: tags of the topics they read' }),
    signal: z.string().nullable().optional().openapi({ description: 'signed-in readers only: the strongest live flag they may read' }),
    approved: z.boolean().optional().openapi({ description: 'signed-in readers only: approved in a topic they read' }),
  })
  .openapi('SearchHit');
const Result = z
  .object({
    hits: z.array(Hit),
    facets: z.object({ topic: Counts, source: Counts, lang: Counts, tag: Counts.optional() }),
    total: z.number(),
    totalIsEstimate: z.boolean(),
    backend: z.enum(['meilisearch', 'fts5']),
    tookMs: z.number(),
    nextCursor: z.string().nullable(),
  })
  .openapi('SearchResult');

export function searchRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/search',
      summary: 'Full-text search: words, "phrases", -exclusions, filters, date range, relevance or date order',
      request: { query: Query },
      responses: {
        200: { description: 'a page of results', content: { 'application/json': { schema: Result } } },
        400: { description: 'invalid parameter' },
        403: { description: 'curation filters need a signed-in member' },
        404: { description: 'no such topic or source (or not one you may read)' },
      },
    }),
    async (c) => {
      const p = c.req.valid('query');
      const viewer = requestViewer(c, deps);
      if (viewer.kind !== 'person' && (p.tag !== undefined || p.signal !== undefined)) {
        const field = p.tag !== undefined ? 'tag' : 'signal';
        return sendError(c, 403, 'forbidden', `sign in to filter on ${field}`, field);
      }
      const from = p.from === undefined ? undefined : Date.parse(p.from);
      // A date-only `to` includes that whole day.
      const to = p.to === undefined ? undefined : Date.parse(p.to) + (DATE_ONLY.test(p.to) ? DAY_MS : 0);
      if (from !== undefined && to !== undefined && from >= to) return sendError(c, 400, 'invalid_request', 'from must be before to', 'from');
      if (p.topic !== undefined && !readableTopic(deps.sqlite, viewer, p.topic)) return sendError(c, 404, 'not_found', `no topic '${p.topic}'`, 'topic');
      if (p.source !== undefined && !sourceReadable(deps.sqlite, viewer, p.source)) return sendError(c, 404, 'not_found', `no source '${p.source}'`, 'source');
      const offset = p.cursor ? decodeSearchCursor(p.cursor)! : 0;
      const res = await deps.search.search({
        query: parseQuery(p.q ?? ''),
        filters: { topic: p.topic, source: p.source, tag: p.tag, signal: p.signal, lang: primaryLang(p.lang) ?? undefined, from, to },
        sort: p.sort,
        offset,
        limit: Math.min(p.limit, MAX_TOTAL_HITS - offset),
        viewer,
      });
      return c.json(
        {
          hits: res.hits,
          facets: res.facets,
          total: res.total,
          totalIsEstimate: res.totalIsEstimate,
          backend: res.backend,
          tookMs: res.tookMs,
          nextCursor: res.nextOffset !== null && res.nextOffset < MAX_TOTAL_HITS ? encodeSearchCursor(res.nextOffset) : null,
        },
        200,
      );
    },
  );
  return app;
}
