import type { Child } from 'hono/jsx';
import type { ViewContext } from './context.js';
import { HelpDialog } from './help-dialog.js';

export function Layout(props: { ctx: ViewContext; title?: string; q?: string; children: Child }) {
  const { t, locale, path } = props.ctx;
  const other = locale === 'fr' ? 'en' : 'fr';
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title ? `${props.title} · ${t('app.name')}` : `${t('app.name')} — ${t('app.tagline')}`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/app.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header class="top">
          <a class="brand" href="/">
            {t('app.name')}
          </a>
          <nav aria-label={t('app.name')}>
            <a href="/">{t('nav.stream')}</a>
            <a href="/sources">{t('nav.sources')}</a>
          </nav>
          <form class="search" role="search" action="/" method="get">
            <label class="visually-hidden" for="q">
              {t('search.label')}
            </label>
            <input id="q" type="search" name="q" value={props.q ?? ''} placeholder={t('search.placeholder')} autocomplete="off" />
            <button type="submit">{t('search.submit')}</button>
          </form>
          <div class="tools">
            <a class="lang" href={`/lang/${other}?back=${encodeURIComponent(path)}`} hreflang={other} lang={other}>
              {t('lang.switch')}
            </a>
            <button type="button" class="help-button" data-help aria-haspopup="dialog" aria-controls="help">
              {t('nav.help')} <kbd>?</kbd>
            </button>
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <HelpDialog t={t} />
      </body>
    </html>
  );
}
