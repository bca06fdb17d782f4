import { ActForm } from './act-form.js';
import type { ViewContext } from './context.js';
import { Layout } from './layout.js';

/** Sign-in, and the request for a password reset link. */
export function LoginPage({ ctx, back, firstRun = false }: { ctx: ViewContext; back: string; firstRun?: boolean }) {
  const { t } = ctx;
  const self = `/login?back=${encodeURIComponent(back)}`;
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
        <ActForm ctx={ctx} method="POST" path="/api/v1/auth/login" back={back} done="flash.signedIn" class="stack" label={t('login.title')}>
          <input type="hidden" name="_fail" value={self} />
          <label>
            {t('login.email')}
            <input type="email" name="email" required autocomplete="username" autofocus maxlength={254} />
          </label>
          <label>
            {t('login.password')}
            <input type="password" name="password" required autocomplete="current-password" maxlength={1024} />
          </label>
          <button type="submit">{t('login.submit')}</button>
        </ActForm>
        <p class="hint">{t('login.invited')}</p>
        <details>
          <summary>{t('login.forgot')}</summary>
          <ActForm ctx={ctx} method="POST" path="/api/v1/auth/password-reset" back={self} done="flash.resetAsked" class="stack">
            <label>
              {t('login.email')}
              <input type="email" name="email" required autocomplete="email" maxlength={254} />
            </label>
            <button type="submit">{t('login.sendReset')}</button>
          </ActForm>
        </details>
      </div>
    </Layout>
  );
}
