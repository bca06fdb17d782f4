import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { Sqlite } from '../db/client.js';
import { writeAudit, type Actor } from './audit.js';
import { touchItems } from './outbox.js';

export type Visibility = 'topic' | 'public';

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'title', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer' }), h1: 'h3', h2: 'h4' },
  disallowedTagsMode: 'escape',
};

/** Markdown to safe HTML: raw HTML in the source is escaped, links keep only http(s)/mailto. */
export function renderMarkdown(md: string): string {
  const html = marked.parse(md, { async: false, gfm: true, breaks: true });
  return sanitizeHtml(html, ALLOWED);
}

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

const SELECT = `SELECT a.id, a.item_id AS itemId, a.topic_id AS topicId, a.body_md AS bodyMd, a.body_html AS bodyHtml, a.visibility,
  a.author_id AS authorId, u.display_name AS author, a.created_at AS createdAt, a.updated_at AS updatedAt
  FROM annotations a LEFT JOIN users u ON u.id = a.author_id`;

export function createAnnotation(sqlite: Sqlite, actor: Actor, a: { itemId: number; topicId: number | null; body: string; visibility: Visibility }, now: number): number {
  return sqlite.transaction(() => {
    const id = Number(
      sqlite
        .prepare(`INSERT INTO annotations (item_id, topic_id, body_md, body_html, visibility, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(a.itemId, a.topicId, a.body, renderMarkdown(a.body), a.visibility, actor.id, now, now).lastInsertRowid,
    );
    writeAudit(sqlite, actor, { action: 'annotation.create', itemId: a.itemId, topicId: a.topicId, targetType: 'annotation', targetId: id, detail: { body: a.body, visibility: a.visibility } }, now);
    touchItems(sqlite, [a.itemId], now);
    return id;
  })();
}

export function updateAnnotation(sqlite: Sqlite, actor: Actor, id: number, u: { body?: string; visibility?: Visibility }, now: number): void {
  sqlite.transaction(() => {
    const a = getAnnotation(sqlite, id)!;
    const body = u.body ?? a.bodyMd;
    sqlite.prepare(`UPDATE annotations SET body_md = ?, body_html = ?, visibility = ?, updated_at = ? WHERE id = ?`).run(body, renderMarkdown(body), u.visibility ?? a.visibility, now, id);
    writeAudit(sqlite, actor, { action: 'annotation.update', itemId: a.itemId, topicId: a.topicId, targetType: 'annotation', targetId: id, detail: { ...u } }, now);
    touchItems(sqlite, [a.itemId], now);
  })();
}

export function deleteAnnotation(sqlite: Sqlite, actor: Actor, id: number, now: number): void {
  sqlite.transaction(() => {
    const a = getAnnotation(sqlite, id)!;
    sqlite.prepare(`UPDATE annotations SET deleted_at = ? WHERE id = ?`).run(now, id);
    writeAudit(sqlite, actor, { action: 'annotation.delete', itemId: a.itemId, topicId: a.topicId, targetType: 'annotation', targetId: id }, now);
    touchItems(sqlite, [a.itemId], now);
  })();
}

export function getAnnotation(sqlite: Sqlite, id: number): Annotation | null {
  return (sqlite.prepare(`${SELECT} WHERE a.id = ? AND a.deleted_at IS NULL`).get(id) as Annotation | undefined) ?? null;
}

/** An item's annotations; `internal` false keeps only public ones. */
export function listAnnotations(sqlite: Sqlite, itemId: number, internal: boolean): Annotation[] {
  return sqlite
    .prepare(`${SELECT} WHERE a.item_id = ? AND a.deleted_at IS NULL AND (? = 1 OR a.visibility = 'public') ORDER BY a.id`)
    .all(itemId, internal ? 1 : 0) as Annotation[];
}

export function annotationJson(a: Annotation) {
  return {
    id: a.id,
    item: a.itemId,
    body: a.bodyMd,
    html: a.bodyHtml,
    visibility: a.visibility,
    author: a.author,
    createdAt: new Date(a.createdAt).toISOString(),
    updatedAt: new Date(a.updatedAt).toISOString(),
  };
}
