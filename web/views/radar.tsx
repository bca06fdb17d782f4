import { formatDate } from '../i18n/index.js';
import type { StoredSuggestion } from '../../src/db/radar/suggestions.js';
import { ActForm } from './act-form.js';
import type { ViewContext } from './context.js';
import { Layout } from './layout.js';
import { safeHref } from '../../src/lib/web-url.js';

/** A scope the curator may act on: a topic, or '' for network-wide. */
export interface RadarScope {
  slug: string;
  name: string;
}

const W = 140;
const H = 28;

/** Distinct sources per day as a small inline chart; the last day (the suggestion's) is marked. */
export function Sparkline({ counts, label }: { counts: number[]; label: string }) {
  const max = Math.max(1, ...counts);
  const step = counts.length > 1 ? W / (counts.length - 1) : W;
  const y = (n: number) => (H - 2 - (n / max) * (H - 4)).toFixed(1);
  const points = counts.map((n, i) => `${(i * step).toFixed(1)},${y(n)}`).join(' ');
  const last = counts.length - 1;
  return (
    <svg class="sparkline" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <title>{label}</title>
      <polyline points={points} fill="none" stroke="currentColor" stroke-width="1.5" />
      {last >= 0 ? <circle cx={(last * step).toFixed(1)} cy={y(counts[last]!)} r="2.5" fill="currentColor" /> : null}
    </svg>
  );
}

function Suggestion({ ctx, s }: { ctx: ViewContext; s: StoredSuggestion }) {
  const { t, locale, timeZone } = ctx;
  const e = s.evidence;
  const when = (iso: string) => formatDate(locale, Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso), timeZone, false);
  const base = `/api/v1/signals/suggestions/${s.id}`;
  return (
    <li class="card radar-suggestion">
      <h2>{s.label}</h2>
      <p class="meta">
        {t('radar.score', { score: s.score })} · {t('radar.sources', { count: s.sources })} · {t('radar.expected', { expected: e.expected })}
      </p>
      {e.terms.length > 1 ? <p class="meta">{t('radar.terms', { terms: e.terms.join(', ') })}</p> : null}
      <figure>
        <Sparkline counts={e.counts} label={t('radar.sparkline', { days: e.counts.length, counts: e.counts.join(' ') })} />
        <figcaption class="meta">{t('radar.sparklineCaption', { days: e.counts.length })}</figcaption>
      </figure>
      <p>
        {t('radar.firstSeen', { date: when(e.firstSeen.date), source: e.firstSeen.source })}
        {e.firstSeen.title ? <> — <q>{e.firstSeen.title}</q></> : null}
      </p>
      <p class="meta">{t('radar.carriers', { sources: e.carriers.join(', ') })}</p>
      <h3>{t('radar.examples')}</h3>
      <ul>
        {e.examples.map((x) => (
          <li>
            {x.itemId !== null ? <a href={`/items/${x.itemId}`}>{x.title || x.url || `#${x.itemId}`}</a> : safeHref(x.url) ? <a href={safeHref(x.url)!}>{x.title || x.url}</a> : x.title || x.url}
            <span class="meta"> · {x.source} · {when(x.date)}</span>
          </li>
        ))}
      </ul>
      <div class="row wrap">
        <ActForm ctx={ctx} method="POST" path={`${base}/accept`} done="radar.accepted" class="row">
          <label>
            {t('radar.strength')}
            <select name="strength:int">
              <option value="1">1</option>
              <option value="2">2</option>
              <option value="3">3</option>
            </select>
          </label>
          <button type="submit">{t('radar.accept')}</button>
        </ActForm>
        <ActForm ctx={ctx} method="POST" path={`${base}/dismiss`} done="radar.dismissed" class="inline">
          <button type="submit">{t('radar.dismiss')}</button>
        </ActForm>
        <ActForm ctx={ctx} method="POST" path={`${base}/mute`} done="radar.muted" class="inline" confirm={t('radar.muteConfirm', { term: s.term })}>
          <button type="submit">{t('radar.mute', { term: s.term })}</button>
        </ActForm>
      </div>
    </li>
  );
}

/** The radar screen: the day's suggestions of one scope, each with the evidence to judge it and the actions. */
export function RadarPage({ ctx, scopes, scope, day, suggestions }: { ctx: ViewContext; scopes: RadarScope[]; scope: string; day: string | null; suggestions: StoredSuggestion[] }) {
  const { t, locale, timeZone } = ctx;
  return (
    <Layout ctx={ctx} title={t('radar.title')}>
      <h1>{t('radar.title')}</h1>
      <p>{t('radar.intro')}</p>
      <form method="get" action="/signals/radar" class="row">
        <label>
          {t('filters.topic')}
          <select name="topic">
            {scopes.map((s) => (
              <option value={s.slug} selected={s.slug === scope}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('filters.apply')}</button>
      </form>
      {day ? <p class="meta">{t('radar.day', { day: formatDate(locale, Date.parse(`${day}T12:00:00Z`), timeZone, false) })}</p> : null}
      {suggestions.length === 0 ? (
        <div class="empty">
          <p>{day ? t('radar.empty') : t('radar.notRun')}</p>
        </div>
      ) : (
        <ol class="radar">
          {suggestions.map((s) => (
            <Suggestion ctx={ctx} s={s} />
          ))}
        </ol>
      )}
    </Layout>
  );
}
