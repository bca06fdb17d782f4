import type { ViewContext } from './context.js';

/** Strength of a weak signal, 1 (faint) to 3 (strong), as radio buttons. */
export function StrengthField({ ctx, idPrefix }: { ctx: ViewContext; idPrefix: string }) {
  const { t } = ctx;
  return (
    <fieldset class="strength">
      <legend>{t('curation.flag.strength')}</legend>
      {[1, 2, 3].map((n) => (
        <label for={`${idPrefix}-strength-${n}`}>
          <input type="radio" id={`${idPrefix}-strength-${n}`} name="strength:int" value={String(n)} checked={n === 2} /> {t(`curation.flag.strength.${n}`)}
        </label>
      ))}
    </fieldset>
  );
}
