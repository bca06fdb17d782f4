import { ActForm } from './act-form.js';
import type { ViewContext } from './context.js';
import { StrengthField } from './curation-fields.js';

/**
 * The dialogs behind the t / s / a keys on the stream: app.js points their form at the current item's API path
 * ({id} is replaced) and gives focus back to the item afterwards.
 */
export function KeyboardActions({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <>
      <dialog id="act-tag" aria-labelledby="act-tag-title" data-path-template="/api/v1/items/{id}/tags">
        <h2 id="act-tag-title">{t('curation.tag.title')}</h2>
        <ActForm ctx={ctx} method="POST" path="/api/v1/items/0/tags" done="flash.tagged">
          <label>
            {t('curation.tag.label')} <input name="tags:list" required autocomplete="off" />
          </label>
          <p class="hint">{t('curation.tag.hint')}</p>
          <DialogButtons ctx={ctx} submit="curation.tag.submit" />
        </ActForm>
      </dialog>
      <dialog id="act-flag" aria-labelledby="act-flag-title" data-path-template="/api/v1/items/{id}/flags">
        <h2 id="act-flag-title">{t('curation.flag.title')}</h2>
        <ActForm ctx={ctx} method="POST" path="/api/v1/items/0/flags" done="flash.flagged">
          <StrengthField ctx={ctx} idPrefix="kbd" />
          <label>
            {t('curation.flag.rationale')}
            <textarea name="rationale" required rows={3} maxlength={5000}></textarea>
          </label>
          <DialogButtons ctx={ctx} submit="curation.flag.submit" />
        </ActForm>
      </dialog>
      <dialog id="act-approve" aria-labelledby="act-approve-title" data-path-template="/api/v1/items/{id}/approval">
        <h2 id="act-approve-title">{t('curation.approve.title')}</h2>
        <ActForm ctx={ctx} method="PUT" path="/api/v1/items/0/approval" done="flash.approved">
          <label>
            {t('curation.approve.note')}
            <textarea name="note" rows={3} maxlength={5000}></textarea>
          </label>
          <DialogButtons ctx={ctx} submit="curation.approve.submit" />
        </ActForm>
      </dialog>
    </>
  );
}

function DialogButtons({ ctx, submit }: { ctx: ViewContext; submit: string }) {
  return (
    <p class="row">
      <button type="submit">{ctx.t(submit)}</button>
      <button type="button" data-close>
        {ctx.t('action.cancel')}
      </button>
    </p>
  );
}
