import type { PublicSignal } from '../../../src/db/curation/published.js';
import type { FeedLinks, PublicContext, PublicEntry } from './context.js';
import { EntryBody } from './entry.js';
import { FeedButtons, PublicLayout } from './layout.js';

export interface TopicPageData {
  slug: string;
  name: string;
  description: string;
  canonical: string;
  feeds: FeedLinks;
  entries: PublicEntry[];
  signals: PublicSignal[];
  tags: { name: string; count: number; feed: string }[];
  opml: string;
  widget: string;
  digest: string;
}

export function TopicPage({ ctx, d }: { ctx: PublicContext; d: TopicPageData }) {
  const { t } = ctx;
  const embed = `<iframe src="${d.widget}" title="${d.name.replace(/"/g, '&quot;')}" style="border:0;width:100%;height:420px" loading="lazy"></iframe>`;
  return (
    <PublicLayout ctx={ctx} title={`${d.name} · ${t('app.name')}`} description={d.description} canonical={d.canonical} feeds={d.feeds}>
      <h1 dir="auto">{d.name}</h1>
      <p dir="auto">{d.description}</p>
      <FeedButtons ctx={ctx} feeds={d.feeds} />
      <p class="pub-feeds">
        <a href={d.digest}>{t('public.subscribeEmail')}</a>
        <a href={d.opml}>{t('public.opml')}</a>
      </p>
      {d.signals.length ? (
        <section aria-labelledby="signals">
          <h2 id="signals">{t('public.signals')}</h2>
          {d.signals.map((s) => (
            <div class="pub-signal">
              <p>
                <strong>{t(s.status === 'confirmed' ? 'public.signalConfirmed' : 'public.signalWatching')}</strong> · {t('public.signalStrength', { strength: s.strength })}
              </p>
              <p dir="auto">{s.rationale}</p>
              {s.items.length ? (
                <ul>
                  {s.items.map((i) => (
                    <li dir="auto">{i.published ? <a href={`/t/${encodeURIComponent(d.slug)}/i/${i.id}`}>{i.title ?? i.url}</a> : i.url ? <a href={i.url} rel="noopener nofollow">{i.title ?? i.url}</a> : i.title}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ))}
        </section>
      ) : null}
      <section aria-labelledby="latest">
        <h2 id="latest">{t('public.latest')}</h2>
        {d.entries.length ? (
          d.entries.map((e) => (
            <article class="pub-entry" data-item={e.uuid}>
              <EntryBody ctx={ctx} e={e} heading="h2" />
            </article>
          ))
        ) : (
          <p>{t('public.empty')}</p>
        )}
      </section>
      {d.tags.length ? (
        <section aria-labelledby="tags">
          <h2 id="tags">{t('public.tags')}</h2>
          <p class="pub-tags">
            {d.tags.map((tag) => (
              <a href={tag.feed} type="application/atom+xml">
                #{tag.name} ({tag.count})
              </a>
            ))}
          </p>
        </section>
      ) : null}
      <section aria-labelledby="embed">
        <h2 id="embed">{t('public.embed')}</h2>
        <p>{t('public.embedHelp')}</p>
        <textarea class="pub-embed" readonly rows={3} aria-labelledby="embed">
          {embed}
        </textarea>
      </section>
    </PublicLayout>
  );
}
