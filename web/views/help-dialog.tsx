import type { Translate } from '../i18n/index.js';

const KEYS: [string, string][] = [
  ['j', 'help.next'],
  ['k', 'help.prev'],
  ['o', 'help.open'],
  ['t', 'help.tag'],
  ['s', 'help.flag'],
  ['a', 'help.approve'],
  ['/', 'help.search'],
  ['?', 'help.help'],
];

export function HelpDialog({ t }: { t: Translate }) {
  return (
    <dialog id="help" aria-labelledby="help-title">
      <h2 id="help-title">{t('help.title')}</h2>
      <dl class="keys">
        {KEYS.map(([key, label]) => (
          <div>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{t(label)}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit" autofocus>
          {t('help.close')}
        </button>
      </form>
    </dialog>
  );
}
