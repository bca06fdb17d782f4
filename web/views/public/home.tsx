import type { FeedLinks, PublicContext } from './context.js';
import { FeedButtons, PublicLayout } from './layout.js';

export interface HomeTopic {
  name: string;
  description: string | null;
  url: string;
  published: number;
  feeds: FeedLinks;
}

export function PublicHomePage({ ctx, topics, feeds, canonical }: { ctx: PublicContext; topics: HomeTopic[]; feeds: FeedLinks; canonical: string }) {
  const { t } = ctx;
  return (
    <PublicLayout ctx={ctx} title={t('public.networkTitle')} description={t('public.networkDescription')} canonical={canonical} feeds={feeds}>
      <h1>{t('public.networkTitle')}</h1>
      <p>{t('public.networkDescription')}</p>
      <FeedButtons ctx={ctx} feeds={feeds} />
      <h2>{t('public.topics')}</h2>
      {topics.length ? (
        <ul class="pub-topics">
          {topics.map((topic) => (
            <li class="pub-entry">
              <h3 dir="auto">
                <a href={topic.url}>{topic.name}</a>
              </h3>
              {topic.description ? <p dir="auto">{topic.description}</p> : null}
              <p class="pub-meta">{t('public.publishedCount', { count: topic.published })}</p>
              <FeedButtons ctx={ctx} feeds={topic.feeds} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('public.noTopics')}</p>
      )}
    </PublicLayout>
  );
}
