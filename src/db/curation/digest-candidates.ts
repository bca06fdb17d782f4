/**
 * Curation a digest may carry (approvals, confirmed flags, tagged items) over a period, as the digest's viewer may
 * read it (src/access): a member's digest with the member's rights, a public official digest with anonymous ones.
 */
import { accessParams, curationReadableSql, itemReadableSql } from '../../access/sql.js';
import type { Viewer } from '../../access/viewer.js';
import type { Sqlite } from '../client.js';
import { preparedOnce } from '../statements.js';
import { APPROVAL_PUBLISHED } from './approvals.js';
import { FLAG_PUBLISHED } from './flags.js';
import { TAG_PUBLISHED } from './tags.js';

/** What a digest is about: a topic, a tag (by name, in the topics whose curation the viewer reads), some items, or all. */
export type DigestScope = { kind: 'topic'; topicId: number } | { kind: 'tag'; tag: string } | { kind: 'ids'; ids: readonly number[] } | { kind: 'all' };

export interface Period {
  start: number;
  end: number;
}

/** SQL: the item `i` is in the scope (named parameters @topic, @tag, @ids). */
export function scopeSql(v: Viewer, scope: DigestScope['kind']): string {
  switch (scope) {
    case 'topic':
      return `i.source_id IN (SELECT source_id FROM source_topics WHERE topic_id = @topic)`;
    case 'tag':
      return `i.id IN (SELECT it.item_id FROM item_tags it JOIN tags g ON g.id = it.tag_id WHERE g.name = @tag AND ${curationReadableSql(v, 'g.topic_id', TAG_PUBLISHED)})`;
    case 'ids':
      return `i.id IN (SELECT value FROM json_each(@ids))`;
    case 'all':
      return `1 = 1`;
  }
}

export function scopeParams(v: Viewer, scope: DigestScope, p: Period) {
  return {
    ...accessParams(v),
    start: p.start,
    end: p.end,
    topic: scope.kind === 'topic' ? scope.topicId : null,
    tag: scope.kind === 'tag' ? scope.tag : null,
    ids: JSON.stringify(scope.kind === 'ids' ? scope.ids : []),
  };
}

/** Items approved in the period, with the approval's note (a topic digest: approvals made in that topic). */
export function approvedInPeriod(sqlite: Sqlite, v: Viewer, scope: DigestScope, p: Period): { itemId: number; note: string | null }[] {
  const inTopic = scope.kind === 'topic' ? 'AND a.topic_id = @topic' : '';
  const sql = `SELECT a.item_id AS itemId, a.note FROM approvals a JOIN topics ta ON ta.id = a.topic_id JOIN items i ON i.id = a.item_id
    WHERE a.created_at >= @start AND a.created_at < @end AND i.deleted_at IS NULL ${inTopic} AND ${scopeSql(v, scope.kind)}
      AND ${itemReadableSql(v, 'i.source_id')} AND ${curationReadableSql(v, 'a.topic_id', APPROVAL_PUBLISHED)}
    ORDER BY a.created_at, a.item_id`;
  return preparedOnce(sqlite, sql).all(scopeParams(v, scope, p)) as { itemId: number; note: string | null }[];
}

/** Items under a flag confirmed in the period, with its rationale and strength. */
export function confirmedSignalsInPeriod(sqlite: Sqlite, v: Viewer, scope: DigestScope, p: Period): { itemId: number; note: string; count: number }[] {
  const sql = `SELECT fi.item_id AS itemId, f.rationale AS note, f.strength AS count FROM flags f JOIN flag_items fi ON fi.flag_id = f.id JOIN items i ON i.id = fi.item_id
    WHERE f.status = 'confirmed' AND f.status_at >= @start AND f.status_at < @end AND i.deleted_at IS NULL AND ${scopeSql(v, scope.kind)}
      AND ${itemReadableSql(v, 'i.source_id')} AND ${curationReadableSql(v, 'f.topic_id', FLAG_PUBLISHED)}
    ORDER BY f.strength DESC, f.status_at, fi.item_id`;
  return preparedOnce(sqlite, sql).all(scopeParams(v, scope, p)) as { itemId: number; note: string; count: number }[];
}

/** Items given the tag in the period (where the viewer reads the tag). */
export function taggedInPeriod(sqlite: Sqlite, v: Viewer, tag: string, p: Period, limit: number): { itemId: number }[] {
  const sql = `SELECT DISTINCT it.item_id AS itemId FROM item_tags it JOIN tags g ON g.id = it.tag_id JOIN items i ON i.id = it.item_id
    WHERE g.name = @tag AND it.created_at >= @start AND it.created_at < @end AND i.deleted_at IS NULL
      AND ${itemReadableSql(v, 'i.source_id')} AND ${curationReadableSql(v, 'g.topic_id', TAG_PUBLISHED)}
    ORDER BY it.created_at, it.item_id LIMIT ${Math.trunc(limit)}`;
  return preparedOnce(sqlite, sql).all(scopeParams(v, { kind: 'tag', tag }, p)) as { itemId: number }[];
}
