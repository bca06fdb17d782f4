import { raw } from 'hono/html';
import type { ViewContext } from '../context.js';
import { Layout } from '../layout.js';

export interface ArchiveIssue {
  id: number;
  title: string;
  items: number;
  delivery: string | null;
}

/** The archive of one subscription: every digest built, its feed, and (for its member) the preview. */
export function DigestArchivePage(p: { ctx: ViewContext; title: string; subscriptionId: number; issues: ArchiveIssue[]; feedUrl: string; rssUrl: string; owner: boolean; query: string }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={p.title}>
      <h1>{p.title}</h1>
      <p class="row">
        <a href={p.feedUrl}>{t('digest.feedAtom')}</a>
        <a href={p.rssUrl}>{t('digest.feedRss')}</a>
        {p.owner ? <a href={`/digests/${p.subscriptionId}/preview`}>{t('digest.preview')}</a> : null}
        {p.owner ? <a href="/digests">{t('digest.manage')}</a> : null}
      </p>
      {p.issues.length === 0 ? (
        <div class="empty">
          <p>{t('digest.archive.empty')}</p>
        </div>
      ) : (
        <ul class="cards">
          {p.issues.map((i) => (
            <li>
              <a href={`/digests/${p.subscriptionId}/issues/${i.id}${p.query}`}>{i.title}</a>
              <p class="meta">
                {t('digest.feed.count', { count: i.items })}
                {p.owner && i.delivery ? ` · ${t(`digest.delivery.${i.delivery}`)}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** One digest as a web page: the same body as the e-mail (already escaped by the renderer), all items. */
export function DigestIssuePage(p: { ctx: ViewContext; title: string; period: string; bodyHtml: string; archiveHref: string }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={p.title}>
      <article class="item-full digest">
        <h1>{p.title}</h1>
        <p class="meta">
          {p.period} · <a href={p.archiveHref}>{t('digest.archive')}</a>
        </p>
        {raw(p.bodyHtml)}
      </article>
    </Layout>
  );
}

/** The preview: the e-mail as it will look (sandboxed frame) and its plain-text part. */
export function DigestPreviewPage(p: { ctx: ViewContext; title: string; subject: string; html: string; text: string; items: number; email: boolean }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={p.title}>
      <h1>{p.title}</h1>
      {!p.email ? <p class="flash">{t('digest.emailOff')}</p> : null}
      <p class="meta">
        {t('digest.preview.subject')}: <strong>{p.subject}</strong> · {t('digest.feed.count', { count: p.items })}
      </p>
      {p.items === 0 ? <p class="empty">{t('digest.preview.empty')}</p> : null}
      <iframe title={t('digest.preview.html')} sandbox="" srcdoc={p.html} class="digest-frame"></iframe>
      <details>
        <summary>{t('digest.preview.text')}</summary>
        <pre class="wrap">{p.text}</pre>
      </details>
    </Layout>
  );
}

/** One-click unsubscribe: GET shows this confirmation (mail scanners follow links), POST unsubscribes. */
export function UnsubscribePage(p: { ctx: ViewContext; label: string | null; done: boolean; action: string }) {
  const { t } = p.ctx;
  return (
    <Layout ctx={p.ctx} title={t('digest.unsubscribe')}>
      <div class="narrow">
        <h1>{t('digest.unsubscribe')}</h1>
        {p.label === null ? (
          <p>{t('digest.unsubscribe.unknown')}</p>
        ) : p.done ? (
          <p role="status">{t('digest.unsubscribe.done', { label: p.label })}</p>
        ) : (
          <form method="post" action={p.action} class="stack">
            <p>{t('digest.unsubscribe.ask', { label: p.label })}</p>
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <button type="submit">{t('digest.unsubscribe.button')}</button>
          </form>
        )}
      </div>
    </Layout>
  );
}
