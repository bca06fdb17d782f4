import { raw } from 'hono/html';
import { formatDate } from '../i18n/index.js';
import { ActForm } from './act-form.js';
import type { ViewContext } from './context.js';
import { StrengthField } from './curation-fields.js';

export interface PanelFlag {
  id: number;
  strength: number;
  rationale: string;
  status: 'watching' | 'confirmed' | 'dismissed';
  statusReason: string | null;
  public: boolean;
  author: string | null;
  createdAt: number;
}

export interface PanelData {
  itemId: number;
  /** Signed-in readers of the item's topics see its curation there; others only what was published. */
  internal: boolean;
  canContribute: boolean;
  canCurate: boolean;
  tags: string[];
  flags: PanelFlag[];
  notes: { id: number; html: string; visibility: 'topic' | 'public'; author: string | null; createdAt: number }[];
  /** The approvals the reader may read, one per topic the item is approved in. */
  approvals: { topic: string; note: string | null; by: string | null; at: number; canRemove: boolean }[];
  /** Topics (slugs) in which this reader may approve the item: an approval publishes only in its own topic. */
  approveTopics: string[];
  /** Null when the reader may not see the history (signed-in readers of the item's topics). */
  history: { id: number; action: string; actor: string | null; at: number; detail: string }[] | null;
}

/** Tags, weak-signal flags, notes, approval and history of one item; each form works with or without JavaScript. */
export function CurationPanel({ ctx, d }: { ctx: ViewContext; d: PanelData }) {
  const { t, locale, timeZone } = ctx;
  const when = (ms: number) => formatDate(locale, ms, timeZone);
  const base = `/api/v1/items/${d.itemId}`;
  // Outside the topic there is nothing to say unless something was made public.
  if (!d.internal && !d.approvals.length && !d.flags.length && !d.notes.length && !d.tags.length) return null;
  return (
    <aside id="curation" class="panel" aria-labelledby="curation-title">
      <h2 id="curation-title">{t('curation.title')}</h2>

      {d.internal || d.tags.length ? (
        <section aria-labelledby="tags-title">
          <h3 id="tags-title">{t('curation.tags')}</h3>
          {d.tags.length ? (
            <ul class="chips">
              {d.tags.map((tag) => (
                <li>
                  <span>{tag}</span>
                  {d.canContribute ? (
                    <ActForm ctx={ctx} method="DELETE" path={`${base}/tags/${encodeURIComponent(tag)}`} done="flash.untagged" class="inline">
                      <button type="submit" class="link" aria-label={t('curation.tag.remove', { tag })}>
                        ×
                      </button>
                    </ActForm>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('curation.tags.none')}</p>
          )}
          {d.canContribute ? (
            <ActForm ctx={ctx} method="POST" path={`${base}/tags`} done="flash.tagged" class="row">
              <label for="tag-input" class="visually-hidden">
                {t('curation.tag.label')}
              </label>
              <input id="tag-input" name="tags:list" required autocomplete="off" placeholder={t('curation.tag.label')} />
              <button type="submit">{t('curation.tag.submit')}</button>
            </ActForm>
          ) : null}
        </section>
      ) : null}

      {d.internal || d.flags.length ? (
        <section aria-labelledby="flags-title">
          <h3 id="flags-title">{t('curation.flags')}</h3>
          {d.flags.length ? (
            <ul class="flags">
              {d.flags.map((f) => (
                <li class={`flag flag-${f.status}`}>
                  <p>
                    <span class={`badge signal-${f.status}`}>{t(`signals.status.${f.status}`)}</span> {f.public ? <span class="badge">{t('signals.public')}</span> : null}{' '}
                    {t(`curation.flag.strength.${f.strength}`)} ·{' '}
                    {t('curation.by', { who: f.author ?? '—', date: when(f.createdAt) })}
                  </p>
                  <blockquote>{f.rationale}</blockquote>
                  {f.statusReason ? <p class="muted">{t('signals.reason', { reason: f.statusReason })}</p> : null}
                  {d.canCurate ? <FlagStatusForm ctx={ctx} flagId={f.id} isPublic={f.public} /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('curation.flags.none')}</p>
          )}
          {d.canContribute ? (
            <details>
              <summary>{t('curation.flag.title')}</summary>
              <ActForm ctx={ctx} method="POST" path={`${base}/flags`} done="flash.flagged">
                <StrengthField ctx={ctx} idPrefix="panel" />
                <label>
                  {t('curation.flag.rationale')}
                  <textarea id="flag-rationale" name="rationale" required rows={3} maxlength={5000}></textarea>
                </label>
                <button type="submit">{t('curation.flag.submit')}</button>
              </ActForm>
            </details>
          ) : null}
        </section>
      ) : null}

      {d.canContribute || d.notes.length ? (
        <section aria-labelledby="notes-title">
          <h3 id="notes-title">{t('curation.notes')}</h3>
          {d.notes.map((n) => (
            <div class="note">
              <p class="meta">
                {t('curation.by', { who: n.author ?? '—', date: when(n.createdAt) })} · {t(`curation.note.visibility.${n.visibility}`)}
              </p>
              {raw(n.html)}
            </div>
          ))}
          {d.canContribute ? (
            <ActForm ctx={ctx} method="POST" path={`${base}/annotations`} done="flash.noted">
              <label>
                {t('curation.note.label')}
                <textarea id="note-body" name="body" required rows={3} maxlength={20000}></textarea>
              </label>
              <label class="check">
                <input type="checkbox" name="visibility" value="public" /> {t('curation.note.public')}
              </label>
              <button type="submit">{t('curation.note.submit')}</button>
            </ActForm>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="approval-title">
        <h3 id="approval-title">{t('curation.approval')}</h3>
        {d.approvals.length ? (
          d.approvals.map((a, i) => (
            <div>
              <p>
                <span class="badge ok">{t('curation.approved')}</span> <span class="badge">{a.topic}</span> {t('curation.by', { who: a.by ?? '—', date: when(a.at) })}
              </p>
              {a.note ? <blockquote>{a.note}</blockquote> : null}
              {a.canRemove ? (
                <ActForm ctx={ctx} method="DELETE" path={`${base}/approval?topic=${encodeURIComponent(a.topic)}`} done="flash.unpublished" confirm={t('curation.unpublish.confirm')}>
                  <button type="submit" id={i === 0 ? 'unpublish' : `unpublish-${a.topic}`}>
                    {t('curation.unpublish')}
                  </button>
                </ActForm>
              ) : null}
            </div>
          ))
        ) : (
          <p class="muted">{t('curation.notApproved')}</p>
        )}
        {d.canCurate && d.approveTopics.some((slug) => !d.approvals.some((a) => a.topic === slug)) ? (
          <ActForm ctx={ctx} method="PUT" path={`${base}/approval`} done="flash.approved">
            {d.approveTopics.length > 1 ? (
              <label>
                {t('curation.approve.topic')}
                <select name="topic" id="approve-topic">
                  {d.approveTopics
                    .filter((slug) => !d.approvals.some((a) => a.topic === slug))
                    .map((slug) => (
                      <option value={slug}>{slug}</option>
                    ))}
                </select>
              </label>
            ) : null}
            <label>
              {t('curation.approve.note')}
              <textarea id="approve-note" name="note" rows={2} maxlength={5000}></textarea>
            </label>
            <button type="submit" id="approve">
              {t('curation.approve.submit')}
            </button>
          </ActForm>
        ) : null}
      </section>

      {d.history ? (
        <section aria-labelledby="history-title">
          <h3 id="history-title">{t('curation.history')}</h3>
          {d.history.length ? (
            <ol class="history">
              {d.history.map((h) => (
                <li>
                  <time datetime={new Date(h.at).toISOString()}>{when(h.at)}</time> — {h.actor ?? '—'} : {t(`audit.${h.action}`)}
                  {h.detail ? <span class="muted"> ({h.detail})</span> : null}
                </li>
              ))}
            </ol>
          ) : (
            <p class="muted">{t('curation.history.none')}</p>
          )}
        </section>
      ) : null}
    </aside>
  );
}

export function FlagStatusForm({ ctx, flagId, isPublic }: { ctx: ViewContext; flagId: number; isPublic: boolean }) {
  const { t } = ctx;
  return (
    <>
    <ActForm ctx={ctx} method="PATCH" path={`/api/v1/flags/${flagId}`} done={isPublic ? 'flash.flagInternal' : 'flash.flagPublic'} class="inline">
      <input type="hidden" name="public:bool" value={isPublic ? 'false' : 'true'} />
      <button type="submit" class="link">
        {t(isPublic ? 'signals.makeInternal' : 'signals.makePublic')}
      </button>
    </ActForm>
    <ActForm ctx={ctx} method="PATCH" path={`/api/v1/flags/${flagId}`} done="flash.flagUpdated" class="row wrap">
      <label>
        {t('signals.newStatus')}
        <select name="status">
          {(['watching', 'confirmed', 'dismissed'] as const).map((s) => (
            <option value={s} selected={s === 'confirmed'}>{t(`signals.status.${s}`)}</option>
          ))}
        </select>
      </label>
      <label>
        {t('signals.why')} <input name="reason" required maxlength={5000} />
      </label>
      <button type="submit">{t('signals.update')}</button>
    </ActForm>
    </>
  );
}
