import { formatDate } from '../i18n/index.js';
import type { ViewContext } from './context.js';
import { Layout } from './layout.js';

export interface StreamItem {
  id: number;
  title: string | null;
  url: string | null;
  source: string;
  sourceName: string | null;
  topics: string[];
  publishedAt: number;
  summary: string | null;
  lang: string | null;
  clusterSources: number;
}

export interface StreamProps {
  ctx: ViewContext;
  items: StreamItem[];
  topics: { slug: string; name: string }[];
  sources: { slug: string; name: string }[];
  filters: { topic?: string; source?: string; q?: string };
  nextHref: string | null;
  hasSources: boolean;
}

export function StreamPage(p: StreamProps) {
  const { t, locale, timeZone } = p.ctx;
  const filtered = Boolean(p.filters.topic || p.filters.source || p.filters.q);
  return (
    <Layout ctx={p.ctx} title={t('stream.title')} q={p.filters.q}>
      <div class="stream-layout">
        <form class="filters" method="get" action="/" aria-label={t('filters.title')}>
          {p.filters.q ? <input type="hidden" name="q" value={p.filters.q} /> : null}
          <label>
            {t('filters.topic')}
            <select name="topic">
              <option value="">{t('filters.any')}</option>
              {p.topics.map((x) => (
                <option value={x.slug} selected={x.slug === p.filters.topic}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('filters.source')}
            <select name="source">
              <option value="">{t('filters.any')}</option>
              {p.sources.map((x) => (
                <option value={x.slug} selected={x.slug === p.filters.source}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('filters.apply')}</button>
          {filtered ? <a href="/">{t('filters.reset')}</a> : null}
        </form>
        <section aria-labelledby="stream-title">
          <h1 id="stream-title">{t('stream.title')}</h1>
          {p.items.length === 0 ? (
            <div class="empty">
              <h2>{t('stream.empty.title')}</h2>
              <p>{p.hasSources ? t('stream.empty.noMatch') : t('stream.empty.noSources')}</p>
            </div>
          ) : (
            <ol class="stream" data-stream>
              {p.items.map((it) => (
                <li>
                  <article class="item" data-item={it.id} tabindex={-1} lang={it.lang ?? undefined}>
                    <h2>
                      <a href={`/items/${it.id}`}>{it.title ?? it.url ?? `#${it.id}`}</a>
                    </h2>
                    <p class="meta">
                      <span class="source">{it.sourceName ?? it.source}</span> ·{' '}
                      <time datetime={new Date(it.publishedAt).toISOString()}>{formatDate(locale, it.publishedAt, timeZone)}</time>
                      {it.clusterSources > 1 ? <span class="cluster"> · {t('stream.alsoReported', { count: it.clusterSources - 1 })}</span> : null}
                    </p>
                    {it.summary ? <p class="summary">{it.summary}</p> : null}
                  </article>
                </li>
              ))}
            </ol>
          )}
          {p.nextHref ? (
            <p class="pager">
              <a href={p.nextHref} rel="next">
                {t('stream.more')}
              </a>
            </p>
          ) : null}
        </section>
      </div>
    </Layout>
  );
}
