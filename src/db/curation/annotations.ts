/**
 * Notes on items (owner of `annotations`). A note belongs to the topic it was written in; a public note is published
 * once the item is approved in that topic and the topic is public. Who reads which note is decided by src/access.
 */
import { accessParams, curationReadableSql } from '../../access/sql.js';
import type { Viewer } from '../../access/viewer.js';
import type { Sqlite } from '../client.js';

export type Visibility = 'topic' | 'public';

export interface Annotation {
  id: number;
  itemId: number;
  topicId: number | null;
  bodyMd: string;
  bodyHtml: string;
  visibility: Visibility;
  authorId: number | null;
  author: string | null;
  createdAt: number;
  updatedAt: number;
}

/** SQL: the note `a` is published. */
export const ANNOTATION_PUBLISHED = `(a.visibility = 'public' AND EXISTS (SELECT 1 FROM approvals ap JOIN topics tp ON tp.id = ap.topic_id WHERE ap.item_id = a.item_id AND ap.topic_id = a.topic_id AND tp.public = 1))`;

const SELECT = `SELECT a.id, a.item_id AS itemId, a.topic_id AS topicId, a.body_md AS bodyMd, a.body_html AS bodyHtml, a.visibility,
  a.author_id AS authorId, u.display_name AS author, a.created_at AS createdAt, a.updated_at AS updatedAt
  FROM annotations a LEFT JOIN users u ON u.id = a.author_id`;

export function insertAnnotation(sqlite: Sqlite, a: { itemId: number; topicId: number | null; bodyMd: string; bodyHtml: string; visibility: Visibility; authorId: number }, now: number): number {
  return Number(
    sqlite
      .prepare(`INSERT INTO annotations (item_id, topic_id, body_md, body_html, visibility, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(a.itemId, a.topicId, a.bodyMd, a.bodyHtml, a.visibility, a.authorId, now, now).lastInsertRowid,
  );
}

export function updateAnnotationRow(sqlite: Sqlite, id: number, u: { bodyMd: string; bodyHtml: string; visibility: Visibility }, now: number): void {
  sqlite.prepare(`UPDATE annotations SET body_md = ?, body_html = ?, visibility = ?, updated_at = ? WHERE id = ?`).run(u.bodyMd, u.bodyHtml, u.visibility, now, id);
}

export function markAnnotationDeleted(sqlite: Sqlite, id: number, now: number): void {
  sqlite.prepare(`UPDATE annotations SET deleted_at = ? WHERE id = ?`).run(now, id);
}

/** One note, whoever asks (permission checks of writes, and write answers). */
export function getAnnotation(sqlite: Sqlite, id: number): Annotation | null {
  return (sqlite.prepare(`${SELECT} WHERE a.id = ? AND a.deleted_at IS NULL`).get(id) as Annotation | undefined) ?? null;
}

/** The item's notes the viewer may read, oldest first. */
export function listReadableAnnotations(sqlite: Sqlite, v: Viewer, itemId: number): Annotation[] {
  return sqlite
    .prepare(`${SELECT} WHERE a.item_id = @item AND a.deleted_at IS NULL AND ${curationReadableSql(v, 'a.topic_id', ANNOTATION_PUBLISHED)} ORDER BY a.id`)
    .all({ ...accessParams(v), item: itemId }) as Annotation[];
}
