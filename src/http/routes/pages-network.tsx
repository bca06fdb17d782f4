import { Hono } from 'hono';
import type { MapTopicRow } from '../../../web/views/network-map.js';
import { NetworkMapPage } from '../../../web/views/network-map.js';
import { ForbiddenPage } from '../../../web/views/forbidden.js';
import { ReportPage } from '../../../web/views/report.js';
import { canActAnywhere } from '../../curation/permissions.js';
import { curatesTopic } from '../../access/index.js';
import { activityReport, gatheredByMonth, reportCsv } from '../../db/topics/activity-report.js';
import { listTopics } from '../../db/topics/list.js';
import { networkMap } from '../../db/topics/network-map.js';
import type { AppDeps } from '../types.js';
import { requestViewer } from '../viewer.js';
import { pageUser, toLogin, viewContext, type PageContext, type PageEnv } from './pages-context.js';

const DAY_MS = 86_400_000;
const MAP_DAYS = 90;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The network map (members) and the activity report (curators and admins). */
export function networkPageRoutes(deps: AppDeps) {
  const app = new Hono<PageEnv>();

  app.get('/network', (c) => {
    const user = pageUser(c);
    if (!user) return toLogin(c);
    const m = networkMap(deps.sqlite, requestViewer(c, deps), deps.clock.now() - MAP_DAYS * DAY_MS);
    const name = new Map(m.topics.map((t) => [t.id, t.name]));
    const rows: MapTopicRow[] = m.topics.map((t) => ({
      id: t.id,
      slug: t.slug,
      name: t.name,
      sources: m.sources.filter((s) => s.topicId === t.id).map((s) => ({ name: s.name, failing: s.failing })),
      curators: m.people.filter((p) => p.topicId === t.id && p.role === 'curator').map((p) => p.name),
      members: m.people.filter((p) => p.topicId === t.id && p.role === 'member').map((p) => p.name),
      shared: m.shared.filter((s) => s.a === t.id || s.b === t.id).map((s) => ({ topic: name.get(s.a === t.id ? s.b : s.a) ?? '?', clusters: s.clusters })),
    }));
    const graph = {
      topics: m.topics.map((t) => ({ id: t.id, name: t.name })),
      satellites: [
        ...m.people.filter((p) => p.topicId !== null && p.role === 'curator').map((p) => ({ topicId: p.topicId!, key: p.name, kind: 'curator' as const, label: p.name })),
        ...m.people.filter((p) => p.topicId !== null && p.role === 'member').map((p) => ({ topicId: p.topicId!, key: p.name, kind: 'member' as const, label: p.name })),
        ...m.sources.map((s) => ({ topicId: s.topicId, key: s.slug, kind: 'source' as const, label: s.name, failing: s.failing })),
      ],
      shared: m.shared,
    };
    const networkWide = m.people.filter((p) => p.topicId === null).map((p) => p.name);
    return c.html(<NetworkMapPage ctx={viewContext(deps, c)} rows={rows} graph={graph} networkWide={networkWide} days={MAP_DAYS} />);
  });

  /** The period asked for (default: this calendar year to date) and the topics the reader curates. */
  const reportInput = (c: PageContext) => {
    const viewer = requestViewer(c, deps);
    const now = deps.clock.now();
    const qFrom = c.req.query('from');
    const qTo = c.req.query('to');
    let from = qFrom && DATE.test(qFrom) ? Date.parse(qFrom) : Date.UTC(new Date(now).getUTCFullYear(), 0, 1);
    let to = qTo && DATE.test(qTo) ? Date.parse(qTo) + DAY_MS : Date.parse(iso(now)) + DAY_MS;
    if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) [from, to] = [Date.UTC(new Date(now).getUTCFullYear(), 0, 1), Date.parse(iso(now)) + DAY_MS];
    const topicIds = viewer.isAdmin ? null : listTopics(deps.sqlite, viewer).filter((t) => curatesTopic(viewer, t.id)).map((t) => t.id);
    return { viewer, from, to, topicIds, period: { from: iso(from), to: iso(to - DAY_MS) } };
  };
  const mayReport = (c: PageContext) => canActAnywhere(pageUser(c), 'curator');

  app.get('/report', (c) => {
    if (!pageUser(c)) return toLogin(c);
    const ctx = viewContext(deps, c);
    if (!mayReport(c)) return c.html(<ForbiddenPage ctx={ctx} message={ctx.t('report.forbidden')} />, 403);
    const r = reportInput(c);
    const rows = activityReport(deps.sqlite, r.viewer, r);
    const months = gatheredByMonth(deps.sqlite, r.viewer, r);
    const csvHref = `/report.csv?from=${r.period.from}&to=${r.period.to}`;
    return c.html(<ReportPage ctx={ctx} rows={rows} months={months} from={r.period.from} to={r.period.to} csvHref={csvHref} />);
  });

  app.get('/report.csv', (c) => {
    if (!pageUser(c)) return toLogin(c);
    if (!mayReport(c)) return c.text('only curators and admins can export the activity report\n', 403);
    const r = reportInput(c);
    c.header('Content-Disposition', `attachment; filename="vigie-activity-${r.period.from}-${r.period.to}.csv"`);
    return c.body(reportCsv(activityReport(deps.sqlite, r.viewer, r), r.period), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });
  return app;
}
