import { Hono, type Context } from 'hono';
import { formatDate, translator } from '../../../web/i18n/index.js';
import { DigestArchivePage, DigestIssuePage, DigestPreviewPage, UnsubscribePage } from '../../../web/views/digest/archive.js';
import { DigestsPage } from '../../../web/views/digest/manage.js';
import { sameSecret } from '../../accounts/secrets.js';
import { canCurate, canReadTopic } from '../../curation/permissions.js';
import { listSavedSearches } from '../../db/curation/saved-searches.js';
import { listAllTopics } from '../../curation/topics.js';
import { userLocale } from '../../db/accounts/prefs.js';
import { digestFeed, renderDigestFeed } from '../../digest/feed.js';
import { digestModel, getIssue, issueDelivery, listIssues } from '../../digest/issues.js';
import { previewDigest } from '../../digest/preview.js';
import { renderDigestBody } from '../../digest/render.js';
import { localDate } from '../../digest/schedule.js';
import { getSubscription, listOfficialDigests, listSubscriptions, subscriptionByToken, unsubscribe, type Subscription } from '../../digest/subscriptions.js';
import { FEED_TYPES } from '../../publish/model.js';
import { sendError } from '../errors.js';
import { localeMiddleware } from '../middleware/locale.js';
import { pageUser, toLogin, viewContext, type PageEnv } from './pages-context.js';
import type { AppDeps } from '../types.js';
import { canReadDigestIssue } from '../../access/rule.js';
import { requestViewer } from '../viewer.js';
import { canManageDigest, readsDigest, subscriptionJson } from './digests.js';

/** Screens: manage subscriptions, preview, archive, issue pages, feeds, and the one-click unsubscribe. */
export function digestPageRoutes(deps: AppDeps) {
  const app = new Hono<PageEnv>();
  const { publicUrl, publicRead } = deps.config;
  app.use('/digests', localeMiddleware({ userLocale: (id) => userLocale(deps.sqlite, id) }));
  app.use('/digests/*', localeMiddleware({ userLocale: (id) => userLocale(deps.sqlite, id) }));
  const json = (s: Subscription, withKey = true) => subscriptionJson(s, publicUrl, publicRead, withKey);
  const i18n = { translator, formatDate };

  /**
   * The subscription in the path if the reader may read its issues: its subscriber or an admin, anyone for the
   * official digest of a public topic, or whoever holds its feed key (feed readers cannot sign in). `owner`: the reader
   * also manages it (delivery status, preview).
   */
  const readable = (c: Context<PageEnv>): { sub: Subscription; owner: boolean; key: string | null } | null => {
    const id = Number(c.req.param('id'));
    const sub = Number.isInteger(id) ? getSubscription(deps.sqlite, id) : null;
    if (!sub) return null;
    const reads = readsDigest(requestViewer(c, deps), sub, publicRead);
    const key = c.req.query('key') ?? null;
    const keyed = key !== null && sameSecret(key, sub.token);
    if (!reads && !keyed) return null;
    return { sub, owner: reads && canManageDigest(pageUser(c), sub), key: reads ? null : key };
  };
  const notFound = (c: Context<PageEnv>) => sendError(c, 404, 'not_found', 'no such digest');

  app.get('/digests', (c) => {
    const user = pageUser(c);
    if (!user) return toLogin(c);
    const topics = listAllTopics(deps.sqlite)
      .filter((x) => canReadTopic(user, x, publicRead))
      .map((x) => ({ slug: x.slug, name: x.name, curator: canCurate(user, [x.id]) }));
    const official = listOfficialDigests(deps.sqlite).filter((s) => s.topicId !== null && canReadTopic(user, { id: s.topicId, public: s.topicPublic }, publicRead));
    const v = requestViewer(c, deps);
    return c.html(
      <DigestsPage
        ctx={viewContext(deps, c)}
        subscriptions={listSubscriptions(deps.sqlite, user.id).map((s) => json(s))}
        official={official.map((s) => json(s, canReadDigestIssue(v, s.userId)))}
        email={Boolean(deps.config.env.SMTP_URL)}
        topics={topics}
        savedSearches={listSavedSearches(deps.sqlite, user.id).map((s) => ({ id: s.id, name: s.name }))}
        defaultTimeZone={deps.config.env.VIGIE_TIMEZONE}
        preselect={c.req.query('topic')}
      />,
    );
  });

  const unsubscribeRoute = (token: string) => `/digests/unsubscribe/${encodeURIComponent(token)}`;
  app.get('/digests/unsubscribe/:token', (c) => {
    const sub = subscriptionByToken(deps.sqlite, c.req.param('token'));
    const ctx = { ...viewContext(deps, c), ...(sub ? { t: translator(sub.lang), locale: sub.lang } : {}) };
    return c.html(<UnsubscribePage ctx={ctx} label={sub?.label ?? null} done={sub?.status === 'unsubscribed'} action={unsubscribeRoute(c.req.param('token'))} />, sub ? 200 : 404);
  });
  // RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click`; the confirmation button posts the same. No sign-in.
  app.post('/digests/unsubscribe/:token', (c) => {
    const sub = unsubscribe(deps.sqlite, c.req.param('token'), deps.clock.now());
    const ctx = { ...viewContext(deps, c), ...(sub ? { t: translator(sub.lang), locale: sub.lang } : {}) };
    if (sub) deps.log.info({ subscriptionId: sub.id }, 'digest: unsubscribed');
    return c.html(<UnsubscribePage ctx={ctx} label={sub?.label ?? null} done={sub !== null} action={unsubscribeRoute(c.req.param('token'))} />, sub ? 200 : 404);
  });

  app.get('/digests/:id{[0-9]+}', (c) => {
    const r = readable(c);
    if (!r) return pageUser(c) ? notFound(c) : toLogin(c);
    const t = c.get('t');
    const q = r.key ? `?key=${encodeURIComponent(r.key)}` : '';
    const issues = listIssues(deps.sqlite, r.sub.id).map((i) => ({
      id: i.id,
      title: translator(r.sub.lang)('digest.email.subject', { label: r.sub.label, date: localDate(i.periodEnd, r.sub.timeZone) }),
      items: i.entries.length,
      delivery: r.owner ? (issueDelivery(deps.sqlite, i.id)?.status ?? null) : null,
    }));
    const base = `/digests/${r.sub.id}`;
    return c.html(<DigestArchivePage ctx={viewContext(deps, c)} title={t('digest.archiveTitle', { label: r.sub.label })} subscriptionId={r.sub.id} issues={issues} feedUrl={`${base}/feed.atom${q}`} rssUrl={`${base}/feed.rss${q}`} owner={r.owner} query={q} />);
  });

  app.get('/digests/:id{[0-9]+}/issues/:issue{[0-9]+}', (c) => {
    const r = readable(c);
    const issue = r ? getIssue(deps.sqlite, Number(c.req.param('issue'))) : null;
    if (!r || !issue || issue.subscriptionId !== r.sub.id) return pageUser(c) || r ? notFound(c) : toLogin(c);
    const model = digestModel(deps.sqlite, r.sub, issue, publicUrl, Number.MAX_SAFE_INTEGER);
    const dt = translator(r.sub.lang);
    const title = dt('digest.email.subject', { label: r.sub.label, date: localDate(issue.periodEnd, r.sub.timeZone) });
    const period = dt('digest.period', { from: localDate(issue.periodStart, r.sub.timeZone), to: localDate(issue.periodEnd, r.sub.timeZone) });
    const body = renderDigestBody(model, model.total, { web: `${publicUrl}/digests/${r.sub.id}/issues/${issue.id}` }, dt);
    return c.html(<DigestIssuePage ctx={viewContext(deps, c)} title={title} period={period} bodyHtml={body} archiveHref={`/digests/${r.sub.id}${r.key ? `?key=${encodeURIComponent(r.key)}` : ''}`} />);
  });

  app.get('/digests/:id{[0-9]+}/preview', async (c) => {
    const r = readable(c);
    if (!r || !r.owner) return pageUser(c) ? notFound(c) : toLogin(c);
    const { model, email } = await previewDigest({ sqlite: deps.sqlite, search: deps.search, publicUrl, publicRead, i18n }, r.sub, deps.clock.now());
    const t = c.get('t');
    return c.html(<DigestPreviewPage ctx={viewContext(deps, c)} title={t('digest.previewTitle', { label: r.sub.label })} subject={email.subject} html={email.html} text={email.text} items={model.total} email={Boolean(deps.config.env.SMTP_URL)} />);
  });

  for (const format of ['atom', 'rss'] as const) {
    app.get(`/digests/:id{[0-9]+}/feed.${format}`, (c) => {
      const r = readable(c);
      if (!r) return notFound(c);
      const body = renderDigestFeed(digestFeed(deps.sqlite, r.sub, publicUrl, deps.clock.now(), r.key, i18n), format);
      return c.body(body, 200, { 'Content-Type': `${FEED_TYPES[format]}; charset=utf-8`, 'Cache-Control': r.key ? 'private, max-age=300' : 'public, max-age=300' });
    });
  }
  return app;
}
