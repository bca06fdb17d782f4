import type { FeedLinks, PublicContext, PublicEntry } from './context.js';
import { EntryBody } from './entry.js';
import { PublicLayout } from './layout.js';
import { safeHref } from '../../../src/lib/web-url.js';

/** JSON inside <script>: `<` escaped so no string in it can close the element. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

export function PublicItemPage({ ctx, e, feeds, topicUrl, siteName }: { ctx: PublicContext; e: PublicEntry; feeds: FeedLinks; topicUrl: string; siteName: string }) {
  const { t } = ctx;
  const description = (e.note ?? e.excerpt ?? e.title).slice(0, 300);
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': e.uuid,
    headline: e.title.slice(0, 110),
    url: e.permalink,
    mainEntityOfPage: e.permalink,
    ...(safeHref(e.url) ? { isBasedOn: safeHref(e.url), sameAs: safeHref(e.url) } : {}),
    datePublished: new Date(e.publishedAt).toISOString(),
    dateModified: new Date(e.updatedAt).toISOString(),
    ...(e.author ? { author: { '@type': 'Person', name: e.author } } : { author: { '@type': 'Organization', name: e.sourceName } }),
    publisher: { '@type': 'Organization', name: siteName, url: topicUrl },
    ...(e.excerpt ? { description: e.excerpt } : {}),
    ...(e.lang ? { inLanguage: e.lang } : {}),
    ...(e.tags.length ? { keywords: e.tags.join(', ') } : {}),
    isPartOf: { '@type': 'CollectionPage', name: e.topicName, url: topicUrl },
  };
  const head = (
    <>
      <meta property="og:type" content="article" />
      <meta property="og:title" content={e.title} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={e.permalink} />
      <meta property="og:site_name" content={siteName} />
      <meta property="og:locale" content={ctx.locale === 'fr' ? 'fr_FR' : 'en_GB'} />
      <meta property="article:published_time" content={new Date(e.approvedAt).toISOString()} />
      <meta property="article:modified_time" content={new Date(e.updatedAt).toISOString()} />
      <meta property="article:section" content={e.topicName} />
      {e.tags.map((tag) => (
        <meta property="article:tag" content={tag} />
      ))}
      <meta name="twitter:card" content="summary" />
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(ld) }} />
    </>
  );
  return (
    <PublicLayout ctx={ctx} title={`${e.title} · ${e.topicName}`} description={description} canonical={e.permalink} feeds={feeds} head={head}>
      <p>
        <a href={topicUrl}>← {e.topicName}</a>
      </p>
      <article class="pub-entry" data-item={e.uuid}>
        <EntryBody ctx={ctx} e={e} heading="h1" />
      </article>
      <p class="pub-meta">{t('public.permalinkId', { id: e.uuid })}</p>
    </PublicLayout>
  );
}
