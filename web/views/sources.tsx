import { formatDate } from '../i18n/index.js';
import type { ViewContext } from './context.js';
import { Layout } from './layout.js';

export interface SourceRowView {
  slug: string;
  name: string | null;
  kind: string;
  url: string | null;
  enabled: boolean;
  status: 'ok' | 'not_modified' | 'error' | null;
  error: string | null;
  lastFetchAt: number | null;
  nextFetchAt: number;
  itemCount: number;
}

export function SourcesPage({ ctx, sources }: { ctx: ViewContext; sources: SourceRowView[] }) {
  const { t, locale, timeZone } = ctx;
  const when = (ms: number | null) => (ms ? formatDate(locale, ms, timeZone) : t('time.never'));
  return (
    <Layout ctx={ctx} title={t('sources.title')}>
      <h1>{t('sources.title')}</h1>
      {sources.length === 0 ? (
        <div class="empty">
          <p>{t('sources.empty')}</p>
        </div>
      ) : (
        <div class="table-wrap">
          <table class="sources">
            <thead>
              <tr>
                <th scope="col">{t('sources.name')}</th>
                <th scope="col">{t('sources.kind')}</th>
                <th scope="col">{t('sources.status')}</th>
                <th scope="col">{t('sources.lastFetch')}</th>
                <th scope="col">{t('sources.nextDue')}</th>
                <th scope="col" class="num">
                  {t('sources.items')}
                </th>
              </tr>
            </thead>
            <tbody>
              {sources.map((s) => (
                <tr data-source={s.slug} class={s.status === 'error' ? 'failing' : undefined}>
                  <th scope="row">
                    {s.url ? <a href={s.url}>{s.name ?? s.slug}</a> : (s.name ?? s.slug)}
                    {!s.enabled ? <span class="badge"> {t('sources.disabled')}</span> : null}
                  </th>
                  <td>{s.kind}</td>
                  <td>
                    <span class={`status status-${s.status ?? 'never'}`}>{t(`sources.status.${s.status ?? 'never'}`)}</span>
                    {s.error ? <p class="error-text">{s.error}</p> : null}
                  </td>
                  <td>{when(s.lastFetchAt)}</td>
                  <td>{s.enabled ? when(s.nextFetchAt) : '—'}</td>
                  <td class="num">{s.itemCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
