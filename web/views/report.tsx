import type { TopicActivity } from '../../src/db/topics/activity-report.js';
import { REPORT_COLUMNS } from '../../src/db/topics/activity-report.js';
import { BarChart } from './bar-chart.js';
import type { ViewContext } from './context.js';
import { Layout } from './layout.js';

/** The activity report: per topic and period, what was gathered and curated; charts, table and CSV. Counts only. */
export function ReportPage(p: { ctx: ViewContext; rows: TopicActivity[]; months: { month: string; count: number }[]; from: string; to: string; csvHref: string }) {
  const { t, locale } = p.ctx;
  const numbers = new Intl.NumberFormat(locale);
  const total = (k: (typeof REPORT_COLUMNS)[number]) => p.rows.reduce((n, r) => n + (r[k] ?? 0), 0);
  return (
    <Layout ctx={p.ctx} title={t('report.title')}>
      <h1>{t('report.title')}</h1>
      <form method="get" action="/report" class="row wrap">
        <label>
          {t('filters.from')} <input type="date" name="from" value={p.from} required />
        </label>
        <label>
          {t('filters.to')} <input type="date" name="to" value={p.to} required />
        </label>
        <button type="submit">{t('report.show')}</button>
        <a href={p.csvHref} download>
          {t('report.csv')}
        </a>
      </form>
      <p class="hint">{t('report.intro')}</p>
      {p.rows.length === 0 ? (
        <div class="empty">
          <p>{t('topics.empty')}</p>
        </div>
      ) : (
        <>
          <ul class="totals">
            {(['gathered', 'flagged', 'confirmed', 'approved', 'republished'] as const).map((k) => (
              <li>
                <strong>{numbers.format(total(k))}</strong> {t(`report.col.${k}`)}
              </li>
            ))}
          </ul>
          <div class="charts">
            <BarChart title={t('report.chart.gathered')} bars={p.rows.map((r) => ({ label: r.name, value: r.gathered }))} numbers={numbers} />
            <BarChart title={t('report.chart.flagged')} bars={p.rows.map((r) => ({ label: r.name, value: r.flagged }))} numbers={numbers} />
            <BarChart title={t('report.chart.approved')} bars={p.rows.map((r) => ({ label: r.name, value: r.approved }))} numbers={numbers} />
            {p.months.length ? <BarChart title={t('report.chart.months')} bars={p.months.map((m) => ({ label: m.month, value: m.count }))} numbers={numbers} /> : null}
          </div>
          <div class="table-wrap" tabindex={0}>
            <table class="report">
              <caption>{t('report.tableCaption', { from: p.from, to: p.to })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('filters.topic')}</th>
                  {REPORT_COLUMNS.map((k) => (
                    <th scope="col" class="num">
                      {t(`report.col.${k}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {p.rows.map((r) => (
                  <tr>
                    <th scope="row">{r.name}</th>
                    {REPORT_COLUMNS.map((k) => (
                      <td class="num">{numbers.format(r[k])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Layout>
  );
}
