import { Hono, type Context } from 'hono';
import { formatDate, translator } from '../../../web/i18n/index.js';
import { canReadTopic, canSeeSourceSecrets } from '../../access/rule.js';
import { topicBySlug } from '../../curation/item-topics.js';
import { normaliseTag } from '../../curation/tags.js';
import { getTopicTag } from '../../db/curation/tags.js';
import { getPublicTopic } from '../../db/topics/public.js';
import { readPackageVersion } from '../../lib/paths.js';
import { etagOf } from '../../publish/cache.js';
import { FEED_FORMATS } from '../../publish/model.js';
import { createPublisher, type Publisher, type ResolvedScope } from '../../publish/publisher.js';
import { renderRobots, renderSitemap } from '../../publish/sitemap.js';
import { exportSourcesOpml } from '../../sources/export.js';
import type { AppDeps, AppEnv } from '../types.js';
import { requestViewer } from '../viewer.js';
import { publicPageRoutes } from './public-pages.js';
import { feedLocale, sendRendered } from './public-send.js';

const CORS = { 'Access-Control-Allow-Origin': '*' };

/**
 * Republication: feeds of public topics (RSS, Atom, JSON Feed; network-wide, per topic, per tag), OPML of a
 * topic's sources, sitemap.xml and robots.txt, plus the public pages. Outside /api, open to anyone: only
 * approved items of public topics ever appear.
 */
export function publicRoutes(deps: AppDeps, publisher: Publisher = defaultPublisher(deps)) {
  const app = new Hono<AppEnv>();
  const notFound = (c: Context<AppEnv>) =>
    c.json({ error: { code: 'not_found', message: 'no public topic or tag here' } }, 404);

  const serveFeed = (scope: ResolvedScope | null, format: (typeof FEED_FORMATS)[number]) => {
    return (c: Context<AppEnv>) => {
      if (!scope) return notFound(c);
      c.header('Vary', 'Accept-Language');
      return sendRendered(c, publisher.feed(scope, format, feedLocale(c), publisher.fingerprint()), CORS);
    };
  };

  for (const format of FEED_FORMATS) {
    app.get(`/public/feed.${format}`, (c) => serveFeed({ kind: 'network' }, format)(c));
    app.get(`/t/:topic/feed.${format}`, (c) => {
      const topic = getPublicTopic(deps.sqlite, publisher.viewer(), c.req.param('topic'));
      return serveFeed(topic && { kind: 'topic', topic }, format)(c);
    });
    app.get(`/t/:topic/tags/:tag/feed.${format}`, (c) => {
      const topic = getPublicTopic(deps.sqlite, publisher.viewer(), c.req.param('topic'));
      const tag = topic ? getTopicTag(deps.sqlite, topic.id, normaliseTag(c.req.param('tag'))) : null;
      return serveFeed(topic && tag && { kind: 'tag', topic, tag }, format)(c);
    });
  }

  // What the network watches: public for a public topic, its readers only otherwise (404 to others, like any private
  // page). The secret parts of source URLs (userinfo, query values) only for the topic's curators and admins.
  app.get('/t/:topic/sources.opml', (c) => {
    const slug = c.req.param('topic');
    const v = requestViewer(c, deps);
    const topic = topicBySlug(deps.sqlite, slug);
    if (!topic || (!topic.public && !canReadTopic(v, topic.id))) return notFound(c);
    const secrets = canSeeSourceSecrets(v, [topic.id]);
    const body = exportSourcesOpml(deps.sqlite, { topic: slug, now: deps.clock.now(), publicOnly: topic.public, redact: !secrets });
    const r = { body, bytes: new TextEncoder().encode(body), type: 'text/x-opml; charset=utf-8', etag: etagOf(body), lastModified: deps.clock.now() };
    c.header('Vary', 'Cookie, Authorization');
    return sendRendered(c, r, {
      'Content-Disposition': `inline; filename="${slug}-sources.opml"`,
      ...(topic.public && !secrets ? {} : { 'Cache-Control': 'private, no-cache' }),
    });
  });

  app.get('/sitemap.xml', (c) => {
    const r = publisher.cached('sitemap', publisher.fingerprint(), () => ({ ...renderSitemap(deps.sqlite, publisher.viewer(), deps.config.publicUrl), type: 'application/xml; charset=utf-8' }));
    return sendRendered(c, r);
  });

  app.get('/robots.txt', (c) => c.text(renderRobots(deps.config.publicUrl), 200, { 'Cache-Control': 'public, max-age=3600' }));

  app.route('/', publicPageRoutes(deps, publisher));
  return app;
}

export function defaultPublisher(deps: AppDeps): Publisher {
  return createPublisher({
    sqlite: deps.sqlite,
    publicUrl: deps.config.publicUrl,
    hub: deps.config.env.WEBSUB_HUB ?? null,
    clock: deps.clock,
    timeZone: deps.config.env.VIGIE_TIMEZONE,
    version: readPackageVersion(),
    i18n: { translator, formatDate },
  });
}
