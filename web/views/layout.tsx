import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { ERROR_KEYS } from './error-keys.js';
import type { ViewContext } from './context.js';
import { HelpDialog } from './help-dialog.js';

export function Layout(props: { ctx: ViewContext; title?: string; q?: string; children: Child }) {
  const { ctx } = props;
  const { t, locale, path, user } = ctx;
  const other = locale === 'fr' ? 'en' : 'fr';
  const here = path.split('?')[0];
  const link = (href: string, key: string) => (
    <a href={href} aria-current={here === href ? 'page' : undefined}>
      {t(key)}
    </a>
  );
  // The doctype first, so browsers render in standards mode (not quirks mode).
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title ? `${props.title} · ${t('app.name')}` : `${t('app.name')} — ${t('app.tagline')}`}</title>
        {ctx.csrf ? <meta name="csrf-token" content={ctx.csrf} /> : null}
        <link rel="icon" href="/favicon.ico" sizes="any" />
        <link rel="icon" href="/static/icon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/app.js" defer></script>
      </head>
      <body
        data-user={user ? String(user.id) : undefined}
        data-busy-text={t('action.busy')}
        data-error-text={t('error.generic')}
        data-errors={user ? JSON.stringify(Object.fromEntries(Object.entries(ERROR_KEYS).map(([code, key]) => [code, t(key)]))) : undefined}
      >
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header class="top">
          <a class="brand" href="/">
            {t('app.name')}
          </a>
          <nav aria-label={t('nav.main')}>
            {link('/', 'nav.stream')}
            {link('/signals', 'nav.signals')}
            {link('/sources', 'nav.sources')}
            {link('/topics', 'nav.topics')}
            {user ? link('/network', 'nav.network') : null}
            {user?.curator ? link('/report', 'nav.report') : null}
            {user ? link('/saved', 'nav.saved') : null}
            {link('/digests', 'nav.digests')}
            {link('/public', 'public.nav')}
          </nav>
          <form class="search" role="search" action="/" method="get">
            <label class="visually-hidden" for="q">
              {t('search.label')}
            </label>
            <input id="q" type="search" name="q" value={props.q ?? ''} placeholder={t('search.placeholder')} autocomplete="off" />
            <button type="submit">{t('search.submit')}</button>
          </form>
          <div class="tools">
            <form method="post" action="/lang" class="inline">
              <input type="hidden" name="locale" value={other} />
              <input type="hidden" name="back" value={path} />
              <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />
              <button type="submit" class="link lang" lang={other}>
                {t('lang.switch')}
              </button>
            </form>
            <button type="button" class="help-button" data-help aria-haspopup="dialog" aria-controls="help">
              {t('nav.help')} <kbd>?</kbd>
            </button>
            {user ? (
              <>
                {link('/account', 'nav.account')}
                <form method="post" action="/logout" class="inline">
                  <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />
                  <button type="submit" class="link">
                    {t('nav.signOut')}
                  </button>
                </form>
              </>
            ) : (
              <a href={`/login?back=${encodeURIComponent(path)}`}>{t('nav.signIn')}</a>
            )}
          </div>
        </header>
        <div id="flash" class={ctx.flash ? (ctx.flash.ok ? 'flash ok' : 'flash bad') : 'flash'} role={ctx.flash && !ctx.flash.ok ? 'alert' : 'status'} aria-live="polite">
          {ctx.flash ? <span>{ctx.flash.text}</span> : null}
        </div>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <HelpDialog t={t} />
      </body>
      </html>
    </>
  );
}
