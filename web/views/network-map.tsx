import type { ViewContext } from './context.js';
import { layoutGraph, type GraphInput } from './graph-layout.js';
import { Layout } from './layout.js';

export interface MapTopicRow {
  id: number;
  slug: string;
  name: string;
  sources: { name: string; failing: boolean }[];
  curators: string[];
  members: string[];
  shared: { topic: string; clusters: number }[];
}

const W = 960;
const H = 680;
const short = (s: string) => (s.length > 18 ? `${s.slice(0, 17)}…` : s);

/** The network map: an SVG graph drawn on the server, and the same facts as a plain table beside it. */
export function NetworkMapPage({ ctx, rows, graph, networkWide, days }: { ctx: ViewContext; rows: MapTopicRow[]; graph: GraphInput; networkWide: string[]; days: number }) {
  const { t } = ctx;
  const { nodes, edges } = layoutGraph(graph, W, H);
  const at = new Map(nodes.map((n) => [n.id, n]));
  const maxShared = Math.max(1, ...graph.shared.map((s) => s.clusters));
  return (
    <Layout ctx={ctx} title={t('map.title')}>
      <h1>{t('map.title')}</h1>
      <p class="hint">{t('map.intro', { days })}</p>
      {rows.length === 0 ? (
        <div class="empty">
          <p>{t('topics.empty')}</p>
        </div>
      ) : (
        <div class="map-layout">
          <figure class="map">
            <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="map-svg-title map-svg-desc" preserveAspectRatio="xMidYMid meet">
              <title id="map-svg-title">{t('map.title')}</title>
              <desc id="map-svg-desc">{t('map.desc', { topics: rows.length, shared: graph.shared.length })}</desc>
              {edges.map((e) => {
                const a = at.get(e.from);
                const b = at.get(e.to);
                if (!a || !b) return null;
                return e.kind === 'shared' ? (
                  <g class="edge-shared">
                    <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke-width={2 + (8 * e.weight) / maxShared} />
                    <text x={(a.x + b.x) / 2} y={(a.y + b.y) / 2 - 6} text-anchor="middle">
                      {t('map.sharedLabel', { count: e.weight })}
                    </text>
                  </g>
                ) : (
                  <line class="edge" x1={a.x} y1={a.y} x2={b.x} y2={b.y} />
                );
              })}
              {nodes.map((n) =>
                n.kind === 'topic' ? (
                  <g class="node-topic">
                    <circle cx={n.x} cy={n.y} r={34} />
                    <text x={n.x} y={n.y + 4} text-anchor="middle">
                      {short(n.label)}
                    </text>
                  </g>
                ) : (
                  <g class={`node-${n.kind}${n.failing ? ' failing' : ''}`}>
                    <title>{`${t(`map.kind.${n.kind}`)} : ${n.label}`}</title>
                    {n.kind === 'source' ? <rect x={n.x - 6} y={n.y - 6} width={12} height={12} /> : <circle cx={n.x} cy={n.y} r={7} />}
                    <text x={n.x} y={n.y + 19} text-anchor="middle">
                      {short(n.label)}
                    </text>
                  </g>
                ),
              )}
            </svg>
            <figcaption>
              <span class="key key-source">■ {t('map.kind.source')}</span> <span class="key key-curator">● {t('map.kind.curator')}</span>{' '}
              <span class="key key-member">● {t('map.kind.member')}</span> <span class="key key-shared">━ {t('map.kind.shared')}</span>
            </figcaption>
          </figure>
          <div class="table-wrap" tabindex={0}>
            <table>
              <caption>{t('map.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('filters.topic')}</th>
                  <th scope="col">{t('nav.sources')}</th>
                  <th scope="col">{t('map.col.curators')}</th>
                  <th scope="col">{t('map.col.members')}</th>
                  <th scope="col">{t('map.sharedWith')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <th scope="row">
                      <a href={`/topics/${r.slug}`}>{r.name}</a>
                    </th>
                    <td>
                      {r.sources.length} {r.sources.length ? <span class="muted">({r.sources.map((s) => s.name).join(', ')})</span> : null}
                    </td>
                    <td>{r.curators.join(', ') || '—'}</td>
                    <td>{r.members.join(', ') || '—'}</td>
                    <td>{r.shared.map((s) => t('map.sharedWithRow', { topic: s.topic, count: s.clusters })).join(' ; ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {networkWide.length ? <p>{t('map.networkWide', { names: networkWide.join(', ') })}</p> : null}
          </div>
        </div>
      )}
    </Layout>
  );
}
