/** A deterministic radial layout for the network map: topics on a ring, their sources and people around each. */
export interface GraphNode {
  id: string;
  kind: 'topic' | 'source' | 'curator' | 'member';
  label: string;
  x: number;
  y: number;
  failing?: boolean;
}
export interface GraphEdge {
  from: string;
  to: string;
  weight: number;
  kind: 'has' | 'shared';
}

export interface GraphInput {
  topics: { id: number; name: string }[];
  satellites: { topicId: number; key: string; kind: 'source' | 'curator' | 'member'; label: string; failing?: boolean }[];
  shared: { a: number; b: number; clusters: number }[];
}

/** Past this many satellites a topic shows a "+N" node instead, so the picture stays readable. */
const MAX_SATELLITES = 14;

export function layoutGraph(g: GraphInput, width: number, height: number): { nodes: GraphNode[]; edges: GraphEdge[]; hidden: Map<number, number> } {
  const cx = width / 2;
  const cy = height / 2;
  const n = g.topics.length;
  const m = Math.min(width, height);
  const margin = 30;
  // Topics sit on a ring small enough that their satellites stay inside the picture.
  const ring = n <= 1 ? 0 : Math.max(m / 2 - m * 0.2 - margin, 0);
  const orbit = n <= 1 ? m / 2 - margin : Math.min(m * 0.2, ((Math.PI * ring) / n) * 0.9);
  const clampX = (x: number) => Math.min(width - margin, Math.max(margin, x));
  const clampY = (y: number) => Math.min(height - margin, Math.max(margin, y));
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const hidden = new Map<number, number>();
  g.topics.forEach((t, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, n) - Math.PI / 2;
    const tx = cx + ring * Math.cos(a);
    const ty = cy + ring * Math.sin(a);
    const tid = `t${t.id}`;
    nodes.push({ id: tid, kind: 'topic', label: t.name, x: tx, y: ty });
    const sats = g.satellites.filter((s) => s.topicId === t.id);
    const shown = sats.slice(0, MAX_SATELLITES);
    if (sats.length > shown.length) hidden.set(t.id, sats.length - shown.length);
    shown.forEach((s, j) => {
      // Satellites fan out away from the centre so neighbouring topics do not overlap.
      const spread = n <= 1 ? 2 * Math.PI : Math.PI * 1.2;
      const start = n <= 1 ? 0 : a - spread / 2;
      const b = start + (spread * (j + 0.5)) / shown.length;
      const id = `${tid}-${s.kind}-${s.key}`;
      nodes.push({ id, kind: s.kind, label: s.label, x: clampX(tx + orbit * Math.cos(b)), y: clampY(ty + orbit * Math.sin(b)), failing: s.failing });
      edges.push({ from: tid, to: id, weight: 1, kind: 'has' });
    });
  });
  for (const s of g.shared) edges.push({ from: `t${s.a}`, to: `t${s.b}`, weight: s.clusters, kind: 'shared' });
  return { nodes, edges, hidden };
}
