import { raw } from 'hono/html';
import { formatDate } from '../i18n/index.js';
import type { ViewContext } from './context.js';
import { Layout } from './layout.js';
import { StreamFilters, type StreamFilterValues } from './stream-filters.js';
import { KeyboardActions } from './keyboard-actions.js';
import { ActForm } from './act-form.js';

export interface StreamItem {
  id: number;
  title: string | null;
  /** Search hits: escaped HTML with <mark> around matches. */
  titleHtml?: string;
  snippetHtml?: string;
  url: string | null;
  source: string;
  sourceName: string | null;
  topics: string[];
  publishedAt: number;
  summary: string | null;
  lang: string | null;
  clusterSources: number;
  /** Null for anonymous readers (no read state). */
  read: boolean | null;
  signal?: string | null;
}

export interface StreamProps {
  ctx: ViewContext;
  items: StreamItem[];
  topics: { slug: string; name: string }[];
  sources: { slug: string; name: string }[];
  langs: string[];
  filters: StreamFilterValues;
  nextHref: string | null;
  hasSources: boolean;
  /** Set when the page answers a search. */
  search: { total: number; estimate: boolean; backend: string } | null;
}

export function StreamPage(p: StreamProps) {
  const { t, locale, timeZone, user } = p.ctx;
  const f = p.filters;
  const filtered = Boolean(f.topic || f.source || f.q || f.tag || f.signal || f.lang || f.from || f.to || f.unread);
  const savable = Object.fromEntries(Object.entries({ q: f.q, topic: f.topic, source: f.source, tag: f.tag, signal: f.signal, lang: f.lang, since: f.from, until: f.to }).filter((e) => e[1]));
  return (
    <Layout ctx={p.ctx} title={f.q ? t('search.resultsFor', { q: f.q }) : t('stream.title')} q={f.q}>
      <div class="stream-layout">
        <StreamFilters ctx={p.ctx} topics={p.topics} sources={p.sources} langs={p.langs} filters={f} filtered={filtered} />
        <section aria-labelledby="stream-title">
          <h1 id="stream-title">{f.q ? t('search.resultsFor', { q: f.q }) : t('stream.title')}</h1>
          {p.search ? (
            <p class="result-count" role="status" data-backend={p.search.backend}>
              {t(p.search.estimate ? 'search.countEstimate' : p.search.total === 1 ? 'search.countOne' : 'search.count', { count: p.search.total })}
            </p>
          ) : null}
          {user && filtered && Object.keys(savable).length ? (
            <details class="save-search">
              <summary>{t('saved.saveThis')}</summary>
              <ActForm ctx={p.ctx} method="POST" path="/api/v1/saved-searches" done="flash.searchSaved" class="row">
                {Object.entries(savable).map(([k, v]) => (
                  <input type="hidden" name={`query.${k}`} value={v} />
                ))}
                <label>
                  {t('saved.name')} <input name="name" required maxlength={100} value={f.q ?? ''} />
                </label>
                <button type="submit">{t('saved.save')}</button>
              </ActForm>
            </details>
          ) : null}
          {p.items.length === 0 ? (
            <div class="empty">
              <h2>{t('stream.empty.title')}</h2>
              <p>{!p.hasSources ? t('stream.empty.noSources') : f.q ? t('search.empty') : t('stream.empty.noMatch')}</p>
              {!p.hasSources && user?.curator ? (
                <p>
                  <a href="/sources#add">{t('stream.empty.addSource')}</a>
                </p>
              ) : null}
            </div>
          ) : (
            <ol class="stream" data-stream>
              {p.items.map((it) => (
                <li>
                  <article class={it.read === false ? 'item unread' : 'item'} data-item={it.id} tabindex={-1} lang={it.lang ?? undefined}>
                    <h2>
                      {it.read === false ? (
                        <>
                          <span class="dot" aria-hidden="true"></span>
                          <span class="visually-hidden">{t('stream.unread')} </span>
                        </>
                      ) : null}
                      <a href={`/items/${it.id}`}>{it.titleHtml ? raw(it.titleHtml) : (it.title ?? it.url ?? `#${it.id}`)}</a>
                    </h2>
                    <p class="meta">
                      <span class="source">{it.sourceName ?? it.source}</span> ·{' '}
                      <time datetime={new Date(it.publishedAt).toISOString()}>{formatDate(locale, it.publishedAt, timeZone)}</time>
                      {it.clusterSources > 1 ? <span class="cluster"> · {t(it.clusterSources === 2 ? 'stream.alsoReportedOne' : 'stream.alsoReported', { count: it.clusterSources - 1 })}</span> : null}
                      {it.signal ? <span class={`badge signal-${it.signal}`}> {t(`signals.status.${it.signal}`)}</span> : null}
                    </p>
                    {it.snippetHtml ? <p class="summary">{raw(it.snippetHtml)}</p> : it.summary ? <p class="summary">{it.summary}</p> : null}
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
      {user ? <KeyboardActions ctx={p.ctx} /> : null}
    </Layout>
  );
}
