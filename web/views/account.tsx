import { formatDate } from '../i18n/index.js';
import { ActForm } from './act-form.js';
import type { ViewContext } from './context.js';
import { Layout } from './layout.js';

export interface TokenRow {
  id: number;
  name: string;
  prefix: string;
  scope: string;
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
}

export interface AppPasswordItem {
  id: number;
  name: string;
  scope: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/** The member's account: interface language, API tokens, app passwords for reader apps. */
export function AccountPage({
  ctx,
  locale,
  tokens,
  appPasswords,
  readerUrls,
  memberships,
}: {
  ctx: ViewContext;
  locale: string | null;
  tokens: TokenRow[];
  appPasswords: AppPasswordItem[];
  readerUrls: { greader: string; fever: string };
  memberships: { topic: string; role: string }[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('account.title')}>
      <h1>{t('account.title')}</h1>
      <p>
        {ctx.user?.name} — {ctx.user?.email} · {t(`role.${ctx.user?.role ?? 'member'}`)}
      </p>
      {memberships.length ? (
        <p>
          {t('account.memberships')} {memberships.map((m) => `${m.topic} (${t(`role.${m.role}`)})`).join(', ')}
        </p>
      ) : null}
      <section aria-labelledby="lang-title">
        <h2 id="lang-title">{t('account.language')}</h2>
        <form method="post" action="/account/language" class="row">
          <input type="hidden" name="_csrf" value={ctx.csrf ?? ''} />
          <label>
            {t('lang.label')}
            <select name="locale">
              <option value="" selected={!locale}>
                {t('account.language.browser')}
              </option>
              <option value="fr" selected={locale === 'fr'} lang="fr">
                Français
              </option>
              <option value="en" selected={locale === 'en'} lang="en">
                English
              </option>
            </select>
          </label>
          <button type="submit">{t('action.save')}</button>
        </form>
      </section>
      <section aria-labelledby="tokens-title">
        <h2 id="tokens-title">{t('tokens.title')}</h2>
        <p class="hint">{t('tokens.hint')}</p>
        <CredentialTable
          ctx={ctx}
          rows={tokens.map((tk) => ({ id: tk.id, name: tk.name, prefix: tk.prefix, scope: tk.scope, createdAt: tk.createdAt, lastUsedAt: tk.lastUsedAt }))}
          revokePath={(id) => `/api/v1/tokens/${id}`}
          done="flash.tokenRevoked"
          confirm={t('tokens.revoke.confirm')}
          empty={t('tokens.empty')}
        />
        <h3>{t('tokens.new')}</h3>
        <ActForm ctx={ctx} method="POST" path="/api/v1/tokens" done="flash.tokenCreated" class="row wrap">
          <label>
            {t('tokens.name')} <input name="name" required maxlength={100} />
          </label>
          <label>
            {t('tokens.scope')}
            <select name="scope">
              <option value="read">{t('tokens.scope.read')}</option>
              <option value="curate">{t('tokens.scope.curate')}</option>
            </select>
          </label>
          <button type="submit">{t('tokens.create')}</button>
        </ActForm>
      </section>
      <section aria-labelledby="apppw-title">
        <h2 id="apppw-title">{t('appPasswords.title')}</h2>
        <p class="hint">{t('appPasswords.hint')}</p>
        <dl class="reader-urls">
          <dt>{t('appPasswords.greader')}</dt>
          <dd>
            <code>{readerUrls.greader}</code>
          </dd>
          <dt>{t('appPasswords.fever')}</dt>
          <dd>
            <code>{readerUrls.fever}</code>
          </dd>
        </dl>
        <CredentialTable
          ctx={ctx}
          rows={appPasswords.map((pw) => ({ id: pw.id, name: pw.name, prefix: null, scope: pw.scope, createdAt: pw.createdAt, lastUsedAt: pw.lastUsedAt }))}
          revokePath={(id) => `/api/v1/app-passwords/${id}`}
          done="flash.appPasswordRevoked"
          confirm={t('appPasswords.revoke.confirm')}
          empty={t('appPasswords.empty')}
        />
        <h3>{t('appPasswords.new')}</h3>
        <ActForm ctx={ctx} method="POST" path="/api/v1/app-passwords" done="flash.appPasswordCreated" class="row wrap">
          <label>
            {t('appPasswords.name')} <input name="name" required maxlength={100} placeholder={t('appPasswords.namePlaceholder')} />
          </label>
          <label>
            {t('tokens.scope')}
            <select name="scope">
              <option value="read">{t('tokens.scope.read')}</option>
              <option value="curate">{t('tokens.scope.curate')}</option>
            </select>
          </label>
          <button type="submit">{t('appPasswords.create')}</button>
        </ActForm>
      </section>
    </Layout>
  );
}

interface CredentialRow {
  id: number;
  name: string;
  /** The first characters of a token, to tell tokens apart (app passwords show none). */
  prefix: string | null;
  scope: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/** API tokens and app passwords alike: name, scope, dates, and a revoke button. */
function CredentialTable(p: { ctx: ViewContext; rows: CredentialRow[]; revokePath: (id: number) => string; done: string; confirm: string; empty: string }) {
  const { t } = p.ctx;
  const when = (ms: number | null) => (ms ? formatDate(p.ctx.locale, ms, p.ctx.timeZone, false) : t('time.never'));
  if (!p.rows.length) return <p class="empty">{p.empty}</p>;
  return (
    <div class="table-wrap" tabindex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('tokens.name')}</th>
            <th scope="col">{t('tokens.scope')}</th>
            <th scope="col">{t('tokens.created')}</th>
            <th scope="col">{t('tokens.lastUsed')}</th>
            <th scope="col">{t('tokens.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <th scope="row">
                {r.name}
                {r.prefix ? (
                  <>
                    {' '}
                    <code>{r.prefix}…</code>
                  </>
                ) : null}
              </th>
              <td>{t(`tokens.scope.${r.scope}`)}</td>
              <td>{when(r.createdAt)}</td>
              <td>{when(r.lastUsedAt)}</td>
              <td>
                <ActForm ctx={p.ctx} method="DELETE" path={p.revokePath(r.id)} done={p.done} confirm={p.confirm}>
                  <button type="submit">{t('tokens.revoke')}</button>
                </ActForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
