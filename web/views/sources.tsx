import { formatDate } from '../i18n/index.js';
import { ActForm } from './act-form.js';
import type { ViewContext } from './context.js';
import { Layout } from './layout.js';
import { safeHref } from '../../src/lib/web-url.js';

export interface SourceRowView {
  slug: string;
  name: string | null;
  kind: string;
  url: string | null;
  enabled: boolean;
  origin?: 'file' | 'app' | 'cli';
  status: 'ok' | 'not_modified' | 'error' | null;
  error: string | null;
  errorCount?: number;
  lastFetchAt: number | null;
  nextFetchAt: number;
  itemCount: number;
  /** The reader may pause / resume it (curator of its topic, source not declared in feeds.yaml). */
  manageable?: boolean;
}

export function SourcesPage({ ctx, sources, curatorTopics = [] }: { ctx: ViewContext; sources: SourceRowView[]; curatorTopics?: { slug: string; name: string }[] }) {
  const { t, locale, timeZone } = ctx;
  const when = (ms: number | null) => (ms ? formatDate(locale, ms, timeZone) : t('time.never'));
  const failing = sources.filter((s) => s.status === 'error').length;
  return (
    <Layout ctx={ctx} title={t('sources.title')}>
      <h1>{t('sources.title')}</h1>
      {sources.length ? <p class="result-count">{t('sources.summary', { count: sources.length, failing })}</p> : null}
      {curatorTopics.length ? (
        <details id="add" class="add-source" open={sources.length === 0}>
          <summary>{t('sources.add.title')}</summary>
          <ActForm ctx={ctx} method="POST" path="/api/v1/sources" done="flash.sourceAdded" class="stack">
            <label>
              {t('sources.add.url')}
              <input type="url" name="url" required placeholder="https://" maxlength={2048} />
            </label>
            <p class="hint">{t('sources.add.hint')}</p>
            <label>
              {t('filters.topic')}
              <select name="topic" required>
                {curatorTopics.map((x) => (
                  <option value={x.slug}>{x.name}</option>
                ))}
              </select>
            </label>
            <label>
              {t('sources.add.name')} <input name="name" maxlength={200} />
            </label>
            <button type="submit" data-long>
              {t('sources.add.submit')}
            </button>
          </ActForm>
        </details>
      ) : null}
      {sources.length === 0 ? (
        <div class="empty">
          <p>{t('sources.empty')}</p>
        </div>
      ) : (
        <div class="table-wrap" tabindex={0}>
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
                {sources.some((s) => s.manageable) ? <th scope="col">{t('sources.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {sources.map((s) => (
                <tr data-source={s.slug} class={s.status === 'error' ? 'failing' : undefined}>
                  <th scope="row">
                    {safeHref(s.url) ? <a href={safeHref(s.url)!}>{s.name ?? s.slug}</a> : (s.name ?? s.slug)}
                    {!s.enabled ? <span class="badge"> {t('sources.disabled')}</span> : null}
                  </th>
                  <td>{s.kind}</td>
                  <td>
                    <span class={`status status-${s.status ?? 'never'}`}>{t(`sources.status.${s.status ?? 'never'}`)}</span>
                    {s.error ? <p class="error-text">{s.error}</p> : null}
                    {s.errorCount && s.errorCount > 1 ? <p class="error-text">{t('sources.errorCount', { count: s.errorCount })}</p> : null}
                  </td>
                  <td>{when(s.lastFetchAt)}</td>
                  <td>{s.enabled ? when(s.nextFetchAt) : '—'}</td>
                  <td class="num">{s.itemCount}</td>
                  {sources.some((x) => x.manageable) ? (
                    <td>
                      {s.manageable ? (
                        <ActForm ctx={ctx} method="PATCH" path={`/api/v1/sources/${s.slug}`} done={s.enabled ? 'flash.sourcePaused' : 'flash.sourceResumed'}>
                          <input type="hidden" name="enabled:bool" value={s.enabled ? 'false' : 'true'} />
                          <button type="submit">{t(s.enabled ? 'sources.pause' : 'sources.resume')}</button>
                        </ActForm>
                      ) : s.origin === 'file' ? (
                        <span class="muted">{t('sources.inFile')}</span>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
