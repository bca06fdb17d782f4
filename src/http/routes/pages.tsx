import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { serveStatic } from '@hono/node-server/serve-static';
import { join } from 'node:path';
import { isLocale } from '../../../web/i18n/index.js';
import type { ViewContext } from '../../../web/views/context.js';
import { ItemPage, NotFoundPage } from '../../../web/views/item.js';
import { SourcesPage } from '../../../web/views/sources.js';
import { StreamPage } from '../../../web/views/stream.js';
import { getItem } from '../../db/queries/get-item.js';
import { listItems } from '../../db/queries/list-items.js';
import { listSources } from '../../db/queries/list-sources.js';
import { listTopics } from '../../db/queries/list-topics.js';
import { packageRoot } from '../../lib/paths.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { LANG_COOKIE, localeMiddleware, safeBack, type LocaleVars } from '../middleware/locale.js';
import type { AppDeps, AppEnv } from '../types.js';

type PageEnv = { Variables: AppEnv['Variables'] & LocaleVars };

/** The server-rendered web interface (reading works without JavaScript). */
export function pageRoutes(deps: AppDeps) {
  const app = new Hono<PageEnv>();
  app.use('/static/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'public, max-age=3600');
  });
  app.use('/static/*', serveStatic({ root: join(packageRoot(), 'web') }));
  app.use('*', localeMiddleware());

  const ctxOf = (c: { get: <K extends keyof PageEnv['Variables']>(k: K) => PageEnv['Variables'][K]; req: { url: string } }): ViewContext => {
    const url = new URL(c.req.url);
    return { t: c.get('t'), locale: c.get('locale'), timeZone: deps.config.env.VIGIE_TIMEZONE, path: url.pathname + url.search, user: c.get('user') ?? null };
  };
  const readAllowed = (c: { get: (k: 'user') => unknown }) => deps.config.publicRead || Boolean(c.get('user'));

  app.get('/lang/:locale', (c) => {
    const locale = c.req.param('locale');
    const back = safeBack(c.req.query('back'));
    if (isLocale(locale)) {
      setCookie(c, LANG_COOKIE, locale, { path: '/', maxAge: 365 * 86_400, sameSite: 'Lax', httpOnly: true, secure: deps.config.publicUrl.startsWith('https:') });
    }
    return c.redirect(back, 303);
  });

  app.get('/', (c) => {
    if (!readAllowed(c)) return c.redirect('/login', 302);
    const anonymous = !c.get('user');
    const topic = c.req.query('topic') || undefined;
    const source = c.req.query('source') || undefined;
    const q = c.req.query('q') || undefined;
    const cursor = c.req.query('cursor');
    const page = listItems(deps.sqlite, { topic, source, limit: 50, cursor: cursor ? (decodeCursor(cursor) ?? undefined) : undefined, publicTopicsOnly: anonymous });
    const sources = listSources(deps.sqlite, { publicTopicsOnly: anonymous });
    const params = new URLSearchParams(Object.entries({ topic, source, q }).filter((e): e is [string, string] => Boolean(e[1])));
    if (page.next) params.set('cursor', encodeCursor(page.next));
    return c.html(
      <StreamPage
        ctx={ctxOf(c)}
        items={page.items.map((i) => ({ ...i, clusterSources: i.clusterSize }))}
        topics={listTopics(deps.sqlite, { publicOnly: anonymous })}
        sources={sources.map((s) => ({ slug: s.slug, name: s.name ?? s.slug }))}
        filters={{ topic, source, q }}
        nextHref={page.next ? `/?${params}` : null}
        hasSources={sources.length > 0}
      />,
    );
  });

  app.get('/items/:id{[0-9]+}', (c) => {
    if (!readAllowed(c)) return c.redirect('/login', 302);
    const item = getItem(deps.sqlite, Number(c.req.param('id')), { publicTopicsOnly: !c.get('user') });
    if (!item) return c.html(<NotFoundPage ctx={ctxOf(c)} />, 404);
    return c.html(<ItemPage ctx={ctxOf(c)} item={item} />);
  });

  app.get('/sources', (c) => {
    if (!readAllowed(c)) return c.redirect('/login', 302);
    return c.html(<SourcesPage ctx={ctxOf(c)} sources={listSources(deps.sqlite, { publicTopicsOnly: !c.get('user') })} />);
  });

  return app;
}
