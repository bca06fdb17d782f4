import type { ViewContext } from './context.js';
import { Layout } from './layout.js';

/** Sign-in, and the request for a password reset link. Plain forms posted to the page routes (never through /act). */
export function LoginPage({ ctx, back, firstRun = false, error, email }: { ctx: ViewContext; back: string; firstRun?: boolean; error?: string; email?: string }) {
  const { t } = ctx;
  const query = `?back=${encodeURIComponent(back)}`;
  return (
    <Layout ctx={ctx} title={t('login.title')}>
      <div class="narrow">
        <h1>{t('login.title')}</h1>
        {firstRun ? (
          <div class="empty" role="note">
            <h2>{t('login.firstRun.title')}</h2>
            <p>{t('login.firstRun.text')}</p>
            <pre>
              <code>vigie user add --email vous@example.org --role admin</code>
            </pre>
          </div>
        ) : null}
        {error ? (
          <p class="flash bad" role="alert">
            {error}
          </p>
        ) : null}
        <form method="post" action={`/login${query}`} class="stack" aria-label={t('login.title')}>
          <label>
            {t('login.email')}
            <input type="email" name="email" required autocomplete="username" autofocus maxlength={254} value={email ?? ''} />
          </label>
          <label>
            {t('login.password')}
            <input type="password" name="password" required autocomplete="current-password" maxlength={1024} />
          </label>
          <button type="submit">{t('login.submit')}</button>
        </form>
        <p class="hint">{t('login.invited')}</p>
        <details>
          <summary>{t('login.forgot')}</summary>
          <form method="post" action={`/login/forgot${query}`} class="stack">
            <label>
              {t('login.email')}
              <input type="email" name="email" required autocomplete="email" maxlength={254} />
            </label>
            <button type="submit">{t('login.sendReset')}</button>
          </form>
        </details>
      </div>
    </Layout>
  );
}
