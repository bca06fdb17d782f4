import { formatDate } from '../../i18n/index.js';
import type { PublicContext, PublicEntry } from './context.js';
import { safeHref } from '../../../src/lib/web-url.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** One published item: title, attribution, the curator's note, public annotations and an excerpt. */
export function EntryBody({ ctx, e, heading }: { ctx: PublicContext; e: PublicEntry; heading: 'h1' | 'h2' }) {
  const { t, locale, timeZone } = ctx;
  const home = safeHref(e.sourceHome);
  const original = safeHref(e.url);
  const title = heading === 'h1' ? <h1 dir="auto">{e.title}</h1> : <h2 dir="auto"><a href={e.permalink}>{e.title}</a></h2>;
  return (
    <>
      {title}
      <p class="pub-meta">
        <span>{home ? <a href={home} rel="noopener">{e.sourceName}</a> : e.sourceName}</span>
        {e.author ? <span> · {t('public.byAuthor', { author: e.author })}</span> : null} ·{' '}
        <time datetime={iso(e.publishedAt)}>{formatDate(locale, e.publishedAt, timeZone, false)}</time> ·{' '}
        <span>
          {t('public.approvedOn')} <time datetime={iso(e.approvedAt)}>{formatDate(locale, e.approvedAt, timeZone, false)}</time>
        </span>
      </p>
      {e.note ? (
        <div class="pub-note">
          <strong>{t('public.curatorNote')}</strong>
          {e.note.split(/\n{2,}/).map((p) => (
            <p dir="auto">{p}</p>
          ))}
        </div>
      ) : null}
      {e.annotations.map((a) => (
        <div class="pub-note">
          <div dangerouslySetInnerHTML={{ __html: a.html }} />
          {a.author ? <p class="pub-meta">— {a.author}</p> : null}
        </div>
      ))}
      {e.excerpt ? (
        <p dir="auto" lang={e.lang ?? undefined}>
          {e.excerpt}
        </p>
      ) : null}
      {original ? (
        <p>
          <a href={original} rel="noopener">
            {t('public.readOriginal', { source: e.sourceName })} ↗
          </a>
        </p>
      ) : null}
      {e.tags.length ? (
        <p class="pub-tags">
          {e.tags.map((tag) => (
            <a href={`/t/${encodeURIComponent(e.topicSlug)}/tags/${encodeURIComponent(tag)}/feed.atom`} rel="nofollow">
              #{tag}
            </a>
          ))}
        </p>
      ) : null}
    </>
  );
}
