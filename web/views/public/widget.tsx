import { formatDate } from '../../i18n/index.js';
import type { PublicContext, PublicEntry } from './context.js';
import { safeHref } from '../../../src/lib/web-url.js';

const STYLE = `body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#222;background:#fff}
@media (prefers-color-scheme:dark){body{color:#eee;background:#1b1b1b}a{color:#8cf}}
h1{font-size:15px;margin:.5rem}ul{list-style:none;margin:0;padding:0 .5rem}li{padding:.4rem 0;border-top:1px solid #8884}
small{color:#888;display:block}p{margin:.5rem;font-size:12px}`;

/**
 * The embeddable widget (an iframe document): no script, no cookie, no third-party resource, links open in a
 * new tab without a referrer, so a partner's visitors are not tracked.
 */
export function WidgetPage({ ctx, name, topicUrl, entries }: { ctx: PublicContext; name: string; topicUrl: string; entries: PublicEntry[] }) {
  const { t, locale, timeZone } = ctx;
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="robots" content="noindex" />
        <meta name="referrer" content="no-referrer" />
        <title>{name}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <h1 dir="auto">
          <a href={topicUrl} target="_blank" rel="noopener noreferrer">
            {name}
          </a>
        </h1>
        <ul>
          {entries.map((e) => (
            <li>
              <a href={safeHref(e.url) ?? e.permalink} target="_blank" rel="noopener noreferrer" dir="auto">
                {e.title}
              </a>
              <small>
                {e.sourceName} · {formatDate(locale, e.approvedAt, timeZone, false)}
              </small>
            </li>
          ))}
        </ul>
        {entries.length ? null : <p>{t('public.empty')}</p>}
        <p>
          <a href={topicUrl} target="_blank" rel="noopener noreferrer">
            {t('public.widgetMore')}
          </a>
        </p>
      </body>
    </html>
  );
}
