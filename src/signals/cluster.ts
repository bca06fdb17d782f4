/**
 * Groups candidate terms that describe one emerging topic: "stable", "stable diffusion" and
 * "diffusion webui" are carried by the same sources, so they become one suggestion. Two terms
 * join a topic when most sources of the smaller of the two are in the other (overlap coefficient).
 */
export type Candidate = { term: string; score: number; sources: ReadonlySet<number> };
export type Cluster = { seed: Candidate; members: Candidate[]; sources: Set<number> };

/** Share of the smaller set found in the larger one (overlap coefficient). */
export function overlap(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / small.size;
}

/** Candidates must come strongest first; the strongest term of each group is its seed. */
export function clusterCandidates(candidates: readonly Candidate[], minOverlap = 0.5): Cluster[] {
  const clusters: Cluster[] = [];
  for (const c of candidates) {
    let best: Cluster | null = null;
    let bestOverlap = minOverlap;
    for (const cluster of clusters) {
      // Against everything the topic gathered so far, so "covid" joins "coronavirus" through
      // the sources the two share, even when its sources differ from the seed's.
      const o = overlap(c.sources, cluster.sources);
      if (o >= bestOverlap) {
        best = cluster;
        bestOverlap = o;
      }
    }
    if (best) {
      best.members.push(c);
      for (const s of c.sources) best.sources.add(s);
    } else {
      clusters.push({ seed: c, members: [c], sources: new Set(c.sources) });
    }
  }
  return mergeClusters(clusters, minOverlap);
}

/**
 * Joins groups that grew into one another: "french president" and "biden macron" start apart, and
 * meet once "macron" joined one of them. The stronger group keeps its seed.
 */
function mergeClusters(clusters: Cluster[], minOverlap: number): Cluster[] {
  const kept: Cluster[] = [];
  for (const c of clusters) {
    const into = kept.find((k) => overlap(c.sources, k.sources) >= minOverlap);
    if (!into) {
      kept.push(c);
      continue;
    }
    into.members.push(...c.members);
    for (const s of c.sources) into.sources.add(s);
  }
  return kept;
}
