import { ActForm } from './act-form.js';
import type { ViewContext } from './context.js';
import { Layout } from './layout.js';

export interface SavedSearchRow {
  id: number;
  name: string;
  query: Record<string, unknown>;
}

/** The stream URL a saved search stands for. */
export function savedSearchHref(query: Record<string, unknown>): string {
  const p = new URLSearchParams();
  // The saved form uses the search API's names; the stream's filter form names two of them differently.
  const rename: Record<string, string> = { since: 'from', until: 'to' };
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string' || typeof v === 'number') p.set(rename[k] ?? k, String(v));
  return `/?${p}`;
}

export function SavedSearchesPage({ ctx, searches }: { ctx: ViewContext; searches: SavedSearchRow[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('saved.title')}>
      <h1>{t('saved.title')}</h1>
      {searches.length === 0 ? (
        <div class="empty">
          <p>{t('saved.empty')}</p>
        </div>
      ) : (
        <ul class="cards">
          {searches.map((s) => (
            <li>
              <a href={savedSearchHref(s.query)}>{s.name}</a>
              <p class="meta">
                {Object.entries(s.query)
                  .map(([k, v]) => `${t(`saved.field.${k}`)}: ${String(v)}`)
                  .join(' · ')}
              </p>
              <ActForm ctx={ctx} method="DELETE" path={`/api/v1/saved-searches/${s.id}`} done="flash.searchDeleted" confirm={t('saved.delete.confirm')}>
                <button type="submit">{t('saved.delete')}</button>
              </ActForm>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
