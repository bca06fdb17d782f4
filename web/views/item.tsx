import { raw } from 'hono/html';
import { formatDate } from '../i18n/index.js';
import type { ViewContext } from './context.js';
import { CurationPanel, type PanelData } from './curation-panel.js';
import { Layout } from './layout.js';
import { safeHref } from '../../src/lib/web-url.js';

export interface ItemView {
  id: number;
  title: string | null;
  url: string | null;
  author: string | null;
  source: string;
  sourceName: string | null;
  publishedAt: number;
  /** Sanitised at ingest (src/ingest/sanitise.ts): safe to insert as HTML. */
  contentHtml: string | null;
  summary: string | null;
  categories: string[];
  lang: string | null;
}

export interface SiblingView {
  id: number;
  title: string | null;
  url: string | null;
  sourceName: string;
  publishedAt: number;
}

export function ItemPage({ ctx, item, panel, siblings = [] }: { ctx: ViewContext; item: ItemView; panel: PanelData; siblings?: SiblingView[] }) {
  const { t, locale, timeZone } = ctx;
  return (
    <Layout ctx={ctx} title={item.title ?? undefined}>
      <div class="item-layout">
      <article class="item-full" lang={item.lang ?? undefined} data-item={item.id} tabindex={-1}>
        <p>
          <a href="/">← {t('item.back')}</a>
        </p>
        <h1>{item.title ?? item.url}</h1>
        <p class="meta">
          <span class="source">{item.sourceName ?? item.source}</span>
          {item.author ? <span> · {t('item.by', { author: item.author })}</span> : null} ·{' '}
          <time datetime={new Date(item.publishedAt).toISOString()}>{t('item.published', { date: formatDate(locale, item.publishedAt, timeZone) })}</time>
        </p>
        {safeHref(item.url) ? (
          <p>
            <a class="original" href={safeHref(item.url)!} rel="noopener noreferrer" target="_blank">
              {t('item.original')} ↗
            </a>
          </p>
        ) : null}
        <div class="content">{item.contentHtml ? raw(item.contentHtml) : <p>{item.summary}</p>}</div>
        {item.categories.length ? (
          <p class="categories">
            {t('item.categories')}: {item.categories.join(', ')}
          </p>
        ) : null}
        {siblings.length ? (
          <section class="cluster-list" aria-labelledby="cluster-title">
            <h2 id="cluster-title">{t(siblings.length === 1 ? 'item.alsoReportedOne' : 'item.alsoReported', { count: siblings.length })}</h2>
            <ul>
              {siblings.map((s) => (
                <li>
                  <a href={`/items/${s.id}`}>{s.title ?? s.url ?? `#${s.id}`}</a> <span class="meta">— {s.sourceName}, {formatDate(locale, s.publishedAt, timeZone)}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>
      <CurationPanel ctx={ctx} d={panel} />
      </div>
    </Layout>
  );
}

export function NotFoundPage({ ctx, message }: { ctx: ViewContext; message?: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t('error.notFound')}>
      <div class="empty">
        <h1>{ctx.t('error.notFound')}</h1>
        <p>{message ?? ctx.t('item.notFound')}</p>
        <p>
          <a href="/">{ctx.t('item.back')}</a>
        </p>
      </div>
    </Layout>
  );
}
