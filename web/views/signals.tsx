import { formatDate } from '../i18n/index.js';
import type { ViewContext } from './context.js';
import { FlagStatusForm } from './curation-panel.js';
import { Layout } from './layout.js';

export interface BoardFlag {
  id: number;
  topic: string | null;
  strength: number;
  rationale: string;
  status: 'watching' | 'confirmed' | 'dismissed';
  statusReason: string | null;
  public: boolean;
  author: string | null;
  createdAt: number;
  items: { id: number; title: string }[];
  canCurate: boolean;
}

const COLUMNS = ['watching', 'confirmed', 'dismissed'] as const;

/** The weak-signals board: one column per status, with rationales, filtered by topic. */
export function SignalsPage({ ctx, flags, topics, topic }: { ctx: ViewContext; flags: BoardFlag[]; topics: { slug: string; name: string }[]; topic?: string }) {
  const { t, locale, timeZone } = ctx;
  return (
    <Layout ctx={ctx} title={t('signals.title')}>
      <h1>{t('signals.title')}</h1>
      <form method="get" action="/signals" class="row">
        <label>
          {t('filters.topic')}
          <select name="topic">
            <option value="">{t('filters.any')}</option>
            {topics.map((x) => (
              <option value={x.slug} selected={x.slug === topic}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('filters.apply')}</button>
      </form>
      {flags.length === 0 ? (
        <div class="empty">
          <p>{ctx.user ? t('signals.empty') : t('signals.emptyPublic')}</p>
        </div>
      ) : (
        <div class="board">
          {COLUMNS.map((status) => {
            const col = flags.filter((f) => f.status === status);
            return (
              <section aria-labelledby={`col-${status}`} class={`column signal-col-${status}`}>
                <h2 id={`col-${status}`}>
                  {t(`signals.status.${status}`)} <span class="count">({col.length})</span>
                </h2>
                {col.length === 0 ? <p class="muted">{t('signals.column.empty')}</p> : null}
                <ul>
                  {col.map((f) => (
                    <li class="card" id={`flag-${f.id}`}>
                      <p class="meta">
                        {f.public ? `${t('signals.public')} · ` : ''}
                        {t(`curation.flag.strength.${f.strength}`)}
                        {f.topic ? ` · ${f.topic}` : ''} · {t('curation.by', { who: f.author ?? '—', date: formatDate(locale, f.createdAt, timeZone, false) })}
                      </p>
                      <ul class="flag-items">
                        {f.items.map((i) => (
                          <li>
                            <a href={`/items/${i.id}`}>{i.title}</a>
                          </li>
                        ))}
                      </ul>
                      <blockquote>{f.rationale}</blockquote>
                      {f.statusReason ? <p class="muted">{t('signals.reason', { reason: f.statusReason })}</p> : null}
                      {f.canCurate ? <FlagStatusForm ctx={ctx} flagId={f.id} isPublic={f.public} /> : null}
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
    </Layout>
  );
}
