import { PASSWORD_MIN } from '../../src/accounts/passwords.js';
import type { ViewContext } from './context.js';
import { Layout } from './layout.js';

/** The pages behind e-mailed links: invitations (`/invite/:token`) and password resets (`/reset/:token`). */

export function LinkGonePage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('link.goneTitle')}>
      <div class="narrow">
        <h1>{t('link.goneTitle')}</h1>
        <p>{t('link.gone')}</p>
      </div>
    </Layout>
  );
}

export interface InvitationView {
  email: string;
  role: string;
  topic: string | null;
  /** What the page offers: a new account, signing in first, or accepting as the signed-in invited account. */
  state: 'new' | 'signIn' | 'otherAccount' | 'ready';
  action: string;
  error?: string;
}

export function InvitationPage({ ctx, inv }: { ctx: ViewContext; inv: InvitationView }) {
  const { t } = ctx;
  const role = t(`role.${inv.role}`);
  const offer = inv.topic ? t('join.offerTopic', { role, topic: inv.topic, email: inv.email }) : t('join.offer', { role, email: inv.email });
  return (
    <Layout ctx={ctx} title={t('join.title')}>
      <div class="narrow">
        <h1>{t('join.title')}</h1>
        <p>{offer}</p>
        {inv.error ? (
          <p class="flash bad" role="alert">
            {inv.error}
          </p>
        ) : null}
        {inv.state === 'new' ? (
          <form method="post" action={inv.action} class="stack">
            <label>
              {t('join.name')}
              <input name="displayName" type="text" maxlength={100} autocomplete="name" />
            </label>
            <label>
              {t('join.password', { min: PASSWORD_MIN })}
              <input name="password" type="password" required minlength={PASSWORD_MIN} maxlength={256} autocomplete="new-password" />
            </label>
            <button type="submit">{t('join.accept')}</button>
          </form>
        ) : inv.state === 'signIn' ? (
          <p>
            {t('join.existing', { email: inv.email })} <a href={`/login?back=${encodeURIComponent(inv.action)}`}>{t('join.signIn')}</a>
          </p>
        ) : inv.state === 'otherAccount' ? (
          <p>{t('join.otherAccount', { current: ctx.user?.email ?? '', email: inv.email })}</p>
        ) : (
          <form method="post" action={inv.action} class="stack">
            <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />
            <p>{t('join.ready', { email: inv.email })}</p>
            <button type="submit">{t('join.accept')}</button>
          </form>
        )}
      </div>
    </Layout>
  );
}

export function ResetPage({ ctx, action, error }: { ctx: ViewContext; action: string; error?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('reset.title')}>
      <div class="narrow">
        <h1>{t('reset.title')}</h1>
        {error ? (
          <p class="flash bad" role="alert">
            {error}
          </p>
        ) : null}
        <form method="post" action={action} class="stack">
          <label>
            {t('reset.password', { min: PASSWORD_MIN })}
            <input name="password" type="password" required minlength={PASSWORD_MIN} maxlength={256} autocomplete="new-password" />
          </label>
          <button type="submit">{t('reset.submit')}</button>
        </form>
      </div>
    </Layout>
  );
}

export function ResetDonePage({ ctx, ended }: { ctx: ViewContext; ended: { sessionsEnded: number; tokensRevoked: number; linksVoided: number } }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('reset.doneTitle')}>
      <div class="narrow">
        <h1>{t('reset.doneTitle')}</h1>
        <p role="status">{t('reset.done', { sessions: ended.sessionsEnded, tokens: ended.tokensRevoked, links: ended.linksVoided })}</p>
        <p>
          <a href="/login">{t('nav.signIn')}</a>
        </p>
      </div>
    </Layout>
  );
}

/** A secret to copy once (a new API token, an invitation link no mail carried), shown on the answer itself. */
export function SecretShownPage({ ctx, text, secret, back }: { ctx: ViewContext; text: string; secret: string; back: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('secret.title')}>
      <div class="narrow">
        <h1>{t('secret.title')}</h1>
        <p role="status">{text}</p>
        <p>
          <code class="secret">{secret}</code>
        </p>
        <p>
          <a href={back}>{t('secret.continue')}</a>
        </p>
      </div>
    </Layout>
  );
}
