import type { Child } from 'hono/jsx';
import type { FeedLinks, PublicContext } from './context.js';

const STYLE = `.pub{max-width:48rem;margin:0 auto;padding:1rem}.pub-entry{border-bottom:1px solid #8884;padding:1rem 0}
.pub-entry h2,.pub-entry h1{margin:.2rem 0;font-size:1.25rem}.pub-meta{color:#666;font-size:.9rem}
.pub-note{border-left:3px solid #2a6;margin:.5rem 0;padding:.2rem .8rem}.pub-feeds a{margin-right:.8rem}
.pub-signal{border-left:3px solid #c80;padding:.2rem .8rem;margin:.5rem 0}.pub-embed{width:100%;font-family:monospace}
.pub-tags a{margin-right:.5rem}.pub-foot{color:#666;font-size:.85rem;margin-top:2rem}`;

/** The public page shell: indexable, no script, feed autodiscovery links and a language switch. */
export function PublicLayout(props: { ctx: PublicContext; title: string; description: string; canonical: string; feeds?: FeedLinks | undefined; head?: Child; children: Child }) {
  const { ctx } = props;
  const { t, locale } = ctx;
  const other = locale === 'fr' ? 'en' : 'fr';
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <meta name="description" content={props.description} />
        <link rel="canonical" href={props.canonical} />
        {props.feeds ? (
          <>
            <link rel="alternate" type="application/rss+xml" title={`${props.feeds.title} (RSS)`} href={props.feeds.rss} />
            <link rel="alternate" type="application/atom+xml" title={`${props.feeds.title} (Atom)`} href={props.feeds.atom} />
            <link rel="alternate" type="application/feed+json" title={`${props.feeds.title} (JSON Feed)`} href={props.feeds.json} />
          </>
        ) : null}
        <link rel="stylesheet" href="/static/app.css" />
        <style>{STYLE}</style>
        {props.head}
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/public">
            {t('app.name')}
          </a>
          <nav aria-label={t('public.nav')}>
            <a href="/public">{t('public.homeLink')}</a>
          </nav>
          <div class="tools">
            <a class="lang" href={`/lang/${other}?back=${encodeURIComponent(ctx.path)}`} hreflang={other} lang={other} rel="nofollow">
              {t('lang.switch')}
            </a>
          </div>
        </header>
        <main id="main" class="pub">
          {props.children}
        </main>
        <footer class="pub pub-foot">{t('public.footer')}</footer>
      </body>
    </html>
  );
}

export function FeedButtons({ ctx, feeds }: { ctx: PublicContext; feeds: FeedLinks }) {
  return (
    <p class="pub-feeds">
      <strong>{ctx.t('public.subscribe')}</strong> <a href={feeds.rss} type="application/rss+xml">RSS</a>
      <a href={feeds.atom} type="application/atom+xml">
        Atom
      </a>
      <a href={feeds.json} type="application/feed+json">
        JSON Feed
      </a>
    </p>
  );
}
