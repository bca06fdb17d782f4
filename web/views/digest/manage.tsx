import { ActForm } from '../act-form.js';
import type { ViewContext } from '../context.js';
import { Layout } from '../layout.js';

export interface DigestRow {
  id: number;
  kind: string;
  label: string;
  frequency: string;
  day: number;
  hour: number;
  timeZone: string;
  lang: string;
  official: boolean;
  status: string;
  pausedReason: string | null;
  nextDueAt: string;
  feedUrl: string;
}

export interface ManageProps {
  ctx: ViewContext;
  subscriptions: DigestRow[];
  official: DigestRow[];
  email: boolean;
  topics: { slug: string; name: string; curator: boolean }[];
  savedSearches: { id: number; name: string }[];
  defaultTimeZone: string;
  /** A topic to preselect (from a public topic page's "subscribe by e-mail" link). */
  preselect?: string;
}

function Cadence({ ctx, s }: { ctx: ViewContext; s: DigestRow }) {
  const { t } = ctx;
  const when = s.frequency === 'weekly' ? t(`digest.weekday.${s.day}`) : s.frequency === 'monthly' ? t('digest.monthDay', { day: s.day }) : '';
  return (
    <span>
      {t(`digest.frequency.${s.frequency}`)} {when} · {t('digest.atHour', { hour: String(s.hour).padStart(2, '0') })} ({s.timeZone}) · {s.lang.toUpperCase()}
    </span>
  );
}

function SubscriptionCard({ ctx, s }: { ctx: ViewContext; s: DigestRow }) {
  const { t } = ctx;
  return (
    <li>
      <h2>
        <a href={`/digests/${s.id}`}>{t(`digest.kind.${s.kind}`, { label: s.label })}</a> {s.official ? <span class="badge">{t('digest.official')}</span> : null}{' '}
        {s.status === 'paused' ? <span class="badge">{t('digest.status.paused')}</span> : null}
      </h2>
      <p class="meta">
        <Cadence ctx={ctx} s={s} />
      </p>
      {s.pausedReason ? <p class="error-text">{t('digest.pausedBecause', { reason: s.pausedReason })}</p> : null}
      <p class="row">
        <a href={`/digests/${s.id}/preview`}>{t('digest.preview')}</a>
        <a href={`/digests/${s.id}`}>{t('digest.archive')}</a>
        <a href={s.feedUrl}>{t('digest.feed')}</a>
      </p>
      <ActForm ctx={ctx} method="PATCH" path={`/api/v1/digests/${s.id}`} done="digest.flash.saved" class="row">
        <label>
          {t('digest.field.frequency')}
          <select name="frequency">
            {['daily', 'weekly', 'monthly'].map((f) => (
              <option value={f} selected={f === s.frequency}>
                {t(`digest.frequency.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('digest.field.day')} <input name="day:int" type="number" min={1} max={28} value={String(s.day)} />
        </label>
        <label>
          {t('digest.field.hour')} <input name="hour:int" type="number" min={0} max={23} value={String(s.hour)} />
        </label>
        <label>
          {t('digest.field.timeZone')} <input name="timeZone" value={s.timeZone} maxlength={64} />
        </label>
        <label>
          {t('digest.field.lang')}
          <select name="lang">
            <option value="fr" selected={s.lang === 'fr'}>Français</option>
            <option value="en" selected={s.lang === 'en'}>English</option>
          </select>
        </label>
        <button type="submit">{t('digest.save')}</button>
      </ActForm>
      <div class="row">
        <ActForm ctx={ctx} method="PATCH" path={`/api/v1/digests/${s.id}`} done={s.status === 'paused' ? 'digest.flash.resumed' : 'digest.flash.paused'} class="inline">
          <input type="hidden" name="paused:bool" value={s.status === 'paused' ? 'false' : 'true'} />
          <button type="submit">{s.status === 'paused' ? t('digest.resume') : t('digest.pause')}</button>
        </ActForm>
        <ActForm ctx={ctx} method="DELETE" path={`/api/v1/digests/${s.id}`} done="digest.flash.unsubscribed" class="inline" confirm={t('digest.unsubscribe.confirm')}>
          <button type="submit">{t('digest.unsubscribe')}</button>
        </ActForm>
      </div>
    </li>
  );
}

export function DigestsPage(p: ManageProps) {
  const { ctx } = p;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('digest.title')}>
      <h1>{t('digest.title')}</h1>
      {!p.email ? (
        <p class="flash" role="status">
          {t('digest.emailOff')}
        </p>
      ) : null}
      {p.subscriptions.length === 0 ? (
        <div class="empty">
          <p>{t('digest.empty')}</p>
        </div>
      ) : (
        <ul class="cards">
          {p.subscriptions.map((s) => (
            <SubscriptionCard ctx={ctx} s={s} />
          ))}
        </ul>
      )}
      <details open={p.subscriptions.length === 0}>
        <summary>{t('digest.new')}</summary>
        <ActForm ctx={ctx} method="POST" path="/api/v1/digests" done="digest.flash.subscribed" class="stack">
          <label>
            {t('digest.field.kind')}
            <select name="kind">
              {['topic', 'tag', 'saved_search', 'signals'].map((k) => (
                <option value={k}>{t(`digest.kindName.${k}`)}</option>
              ))}
            </select>
          </label>
          <label>
            {t('digest.field.topic')}
            <select name="topic">
              <option value="">—</option>
              {p.topics.map((x) => (
                <option value={x.slug} selected={x.slug === p.preselect}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('digest.field.tag')} <input name="tag" maxlength={64} />
          </label>
          <label>
            {t('digest.field.savedSearch')}
            <select name="savedSearch:int">
              <option value="">—</option>
              {p.savedSearches.map((x) => (
                <option value={String(x.id)}>{x.name}</option>
              ))}
            </select>
          </label>
          <label>
            {t('digest.field.frequency')}
            <select name="frequency">
              {['daily', 'weekly', 'monthly'].map((f) => (
                <option value={f}>{t(`digest.frequency.${f}`)}</option>
              ))}
            </select>
          </label>
          <label>
            {t('digest.field.hour')} <input name="hour:int" type="number" min={0} max={23} value="8" />
          </label>
          <label>
            {t('digest.field.timeZone')} <input name="timeZone" value={p.defaultTimeZone} maxlength={64} />
          </label>
          <label>
            {t('digest.field.lang')}
            <select name="lang">
              <option value="fr" selected={ctx.locale === 'fr'}>Français</option>
              <option value="en" selected={ctx.locale === 'en'}>English</option>
            </select>
          </label>
          {p.topics.some((x) => x.curator) ? (
            <label>
              <span>
                <input type="checkbox" name="official:bool" value="true" /> {t('digest.field.official')}
              </span>
            </label>
          ) : null}
          <button type="submit">{t('digest.subscribe')}</button>
        </ActForm>
      </details>
      {p.official.length ? (
        <section>
          <h2>{t('digest.officialTitle')}</h2>
          <ul class="cards">
            {p.official.map((s) => (
              <li>
                <a href={`/digests/${s.id}`}>{t(`digest.kind.${s.kind}`, { label: s.label })}</a> · <a href={s.feedUrl}>{t('digest.feed')}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}
