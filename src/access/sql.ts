/**
 * The visibility rule as SQL fragments for SQLite (PostgreSQL gets its own builder behind the same names). A fragment
 * names the bound parameter `@viewerTopics`; pass `accessParams(viewer)` with the statement's other parameters
 * (better-sqlite3 takes anonymous and named parameters in one call). The store's owners splice these in; nothing else
 * decides visibility in SQL.
 */
import type { Viewer } from './viewer.js';

export interface AccessParams {
  viewerTopics: string;
}

/** Named parameters every fragment below may use. */
export function accessParams(v: Viewer): AccessParams {
  return { viewerTopics: v.topics === 'all' ? '[]' : JSON.stringify([...v.topics]) };
}

const inViewerTopics = (expr: string) => `${expr} IN (SELECT value FROM json_each(@viewerTopics))`;

/** True for a topic (by id expression) the viewer reads. */
export function topicReadableSql(v: Viewer, topicIdExpr: string): string {
  return v.topics === 'all' ? '1' : inViewerTopics(topicIdExpr);
}

/**
 * True for an item (by its source id expression) of which at least one topic is readable. Written as a
 * non-correlated IN so SQLite builds the set of readable sources once per statement and can use the items'
 * source index, instead of probing source_topics for every row.
 */
export function itemReadableSql(v: Viewer, sourceIdExpr: string): string {
  if (v.topics === 'all') return '1';
  return `${sourceIdExpr} IN (SELECT vst.source_id FROM source_topics vst WHERE ${inViewerTopics('vst.topic_id')})`;
}

/** True for a source listed to the viewer (one of its topics is readable). */
export const sourceReadableSql = itemReadableSql;

/**
 * True for a curation row made in topic `topicIdExpr` (nullable), published when `publishedExpr` is true: see
 * canReadCuration in rule.ts.
 */
export function curationReadableSql(v: Viewer, topicIdExpr: string, publishedExpr: string): string {
  if (v.kind === 'system') return '1';
  const signedIn = v.kind === 'person';
  const topicOk = v.topics === 'all' ? '1' : `(${topicIdExpr} IS NOT NULL AND ${inViewerTopics(topicIdExpr)}) OR (${topicIdExpr} IS NULL AND (${publishedExpr}))`;
  return signedIn ? `(${topicOk})` : `((${topicOk}) AND (${publishedExpr}))`;
}
