import { Hono, type Context } from 'hono';
import type { PublicContext, PublicEntry } from '../../../web/views/public/context.js';
import { PublicHomePage } from '../../../web/views/public/home.js';
import { PublicItemPage } from '../../../web/views/public/item.js';
import { PublicNotFound } from '../../../web/views/public/not-found.js';
import { TopicPage } from '../../../web/views/public/topic.js';
import { WidgetPage } from '../../../web/views/public/widget.js';
import { getPublished, listPublicSignals, listPublished, listPublishedTags, type PublishedRow } from '../../db/curation/published.js';
import { getPublicTopic, listPublicTopics } from '../../db/topics/public.js';
import { createEntrySanitiser, excerpt } from '../../publish/content.js';
import type { Publisher } from '../../publish/publisher.js';
import { feedUrl, feedUrls, itemUrl, topicUrl } from '../../publish/urls.js';
import { cleanText } from '../../publish/xml.js';
import { localeMiddleware, type LocaleVars } from '../middleware/locale.js';
import type { AppDeps } from '../types.js';
import { sendRendered } from './public-send.js';

const PAGE_ITEMS = 30;
const WIDGET_MAX = 20;
/** Where the e-mail digest subscription lives (the digests area, issue 7). */
const DIGEST_PATH = '/digests';

type Env = { Variables: LocaleVars & { requestId: string } };

/** Public pages: the network home, a topic's page, an item's permalink, and the embeddable widget. */
export function publicPageRoutes(deps: AppDeps, publisher: Publisher) {
  const app = new Hono<Env>();
  const base = deps.config.publicUrl;
  const sanitise = createEntrySanitiser(base);
  const timeZone = deps.config.env.VIGIE_TIMEZONE;
  for (const path of ['/public', '/t/:topic', '/t/:topic/i/:item', '/t/:topic/widget']) app.use(path, localeMiddleware());

  const ctxOf = (c: Context<Env>): PublicContext => ({ t: c.var.t, locale: c.var.locale, timeZone, base, path: new URL(c.req.url).pathname });
  const toEntry = (r: PublishedRow): PublicEntry => ({
    itemId: r.itemId,
    uuid: publisher.ids().item(r.itemId),
    title: cleanText(r.title?.trim() || r.url || ''),
    url: r.url,
    permalink: itemUrl(base, r.topicSlug, r.itemId),
    author: r.author?.trim() ? cleanText(r.author) : null,
    sourceName: cleanText(r.sourceName),
    sourceHome: r.sourceHome,
    publishedAt: r.publishedAt,
    approvedAt: r.approvedAt,
    updatedAt: Math.max(r.approvedAt, r.updatedAt, ...r.annotations.map((a) => a.updatedAt)),
    note: r.note?.trim() ? cleanText(r.note.trim()) : null,
    annotations: r.annotations.map((a) => ({ html: sanitise(a.html), author: a.author })),
    excerpt: excerpt(r),
    tags: r.tags,
    lang: r.lang,
    topicSlug: r.topicSlug,
    topicName: r.topicName,
  });
  const missing = (c: Context<Env>) => c.html(`<!doctype html>${(<PublicNotFound ctx={ctxOf(c)} />).toString()}`, 404);
  /** Renders through the cache: a page is rebuilt only when publication changed. */
  const page = (c: Context<Env>, key: string, render: () => { html: string; lastModified: number }, extra: Record<string, string> = {}) => {
    const fp = publisher.fingerprint();
    const html = publisher.cached(`page:${key}:${c.var.locale}`, fp, () => {
      const r = render();
      return { body: `<!doctype html>${r.html}`, type: 'text/html; charset=UTF-8', lastModified: r.lastModified };
    });
    return sendRendered(c, html, extra);
  };

  /** Last change among entries, the topic itself and removals (so Last-Modified never moves backwards). */
  const lastOf = (entries: PublicEntry[], since = 0) => Math.max(since, publisher.lastRemovalAt(), ...entries.map((e) => e.updatedAt));

  app.get('/public', (c) => {
    const ctx = ctxOf(c);
    return page(c, 'home', () => {
      const topics = listPublicTopics(deps.sqlite, publisher.viewer());
      const rows = topics.map((t) => ({ name: t.name, description: t.description, url: topicUrl(base, t.slug), published: t.published, feeds: { title: t.name, ...feedUrls(base, { kind: 'topic', slug: t.slug }) } }));
      const feeds = { title: ctx.t('public.networkTitle'), ...feedUrls(base, { kind: 'network' }) };
      const html = (<PublicHomePage ctx={ctx} topics={rows} feeds={feeds} canonical={`${base}/public`} />).toString();
      return { html, lastModified: Math.max(publisher.lastRemovalAt(), ...topics.map((t) => Math.max(t.updatedAt, t.lastApprovedAt ?? 0))) };
    });
  });

  app.get('/t/:topic', (c) => {
    const topic = getPublicTopic(deps.sqlite, publisher.viewer(), c.req.param('topic'));
    if (!topic) return missing(c);
    const ctx = ctxOf(c);
    return page(c, `topic:${topic.id}`, () => {
      const entries = listPublished(deps.sqlite, publisher.viewer(), { topicId: topic.id }, PAGE_ITEMS).map(toEntry);
      const home = topicUrl(base, topic.slug);
      const d = {
        slug: topic.slug,
        name: topic.name,
        description: topic.description?.trim() || ctx.t('public.topicDescription', { topic: topic.name }),
        canonical: home,
        feeds: { title: topic.name, ...feedUrls(base, { kind: 'topic', slug: topic.slug }) },
        entries,
        signals: listPublicSignals(deps.sqlite, publisher.viewer(), topic.id, 20),
        tags: listPublishedTags(deps.sqlite, publisher.viewer(), topic.id).map((t) => ({ ...t, feed: feedUrl(base, { kind: 'tag', slug: topic.slug, tag: t.name }, 'atom') })),
        opml: `${home}/sources.opml`,
        widget: `${home}/widget`,
        digest: `${DIGEST_PATH}?topic=${encodeURIComponent(topic.slug)}`,
      };
      return { html: (<TopicPage ctx={ctx} d={d} />).toString(), lastModified: lastOf(entries, topic.updatedAt) };
    });
  });

  app.get('/t/:topic/i/:item', (c) => {
    const topic = getPublicTopic(deps.sqlite, publisher.viewer(), c.req.param('topic'));
    const id = Number(c.req.param('item'));
    const row = topic && Number.isSafeInteger(id) && id > 0 ? getPublished(deps.sqlite, publisher.viewer(), topic.id, id) : null;
    if (!topic || !row) return missing(c);
    const ctx = ctxOf(c);
    // An item published in several topics has one canonical page: under its home topic (as in the network feed).
    const home = listPublished(deps.sqlite, publisher.viewer(), { itemId: id }, 1)[0]?.topicSlug ?? topic.slug;
    const e = { ...toEntry(row), permalink: itemUrl(base, home, id) };
    return page(c, `item:${topic.id}:${id}`, () => {
      const feeds = { title: topic.name, ...feedUrls(base, { kind: 'topic', slug: topic.slug }) };
      const html = (<PublicItemPage ctx={ctx} e={e} feeds={feeds} topicUrl={topicUrl(base, topic.slug)} siteName={`${ctx.t('app.name')} — ${topic.name}`} />).toString();
      return { html, lastModified: Math.max(e.updatedAt, topic.updatedAt) };
    });
  });

  // The widget is framed by partners' sites: no cookie is set or needed, nothing is loaded from elsewhere.
  app.get('/t/:topic/widget', (c) => {
    const topic = getPublicTopic(deps.sqlite, publisher.viewer(), c.req.param('topic'));
    if (!topic) return missing(c);
    const limit = Math.min(WIDGET_MAX, Math.max(1, Number(c.req.query('limit')) || 10));
    const ctx = ctxOf(c);
    const headers = {
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors *",
      'Referrer-Policy': 'no-referrer',
      'X-Robots-Tag': 'noindex',
    };
    return page(c, `widget:${topic.id}:${limit}`, () => {
      const entries = listPublished(deps.sqlite, publisher.viewer(), { topicId: topic.id }, limit).map(toEntry);
      const html = (<WidgetPage ctx={ctx} name={topic.name} topicUrl={topicUrl(base, topic.slug)} entries={entries} />).toString();
      return { html, lastModified: lastOf(entries, topic.updatedAt) };
    }, headers);
  });

  return app;
}
