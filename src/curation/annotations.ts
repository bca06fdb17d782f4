import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { Sqlite } from '../db/client.js';
import { getAnnotation, insertAnnotation, markAnnotationDeleted, updateAnnotationRow, type Annotation, type Visibility } from '../db/curation/annotations.js';
import { writeAudit, type Actor } from './audit.js';
import { touchItems } from './outbox.js';

export type { Annotation, Visibility } from '../db/curation/annotations.js';

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

export function createAnnotation(sqlite: Sqlite, actor: Actor, a: { itemId: number; topicId: number | null; body: string; visibility: Visibility }, now: number): number {
  return sqlite.transaction(() => {
    const id = insertAnnotation(sqlite, { itemId: a.itemId, topicId: a.topicId, bodyMd: a.body, bodyHtml: renderMarkdown(a.body), visibility: a.visibility, authorId: actor.id }, now);
    writeAudit(sqlite, actor, { action: 'annotation.create', itemId: a.itemId, topicId: a.topicId, targetType: 'annotation', targetId: id, detail: { body: a.body, visibility: a.visibility } }, now);
    touchItems(sqlite, [a.itemId], now);
    return id;
  })();
}

export function updateAnnotation(sqlite: Sqlite, actor: Actor, id: number, u: { body?: string; visibility?: Visibility }, now: number): void {
  sqlite.transaction(() => {
    const a = getAnnotation(sqlite, id)!;
    const body = u.body ?? a.bodyMd;
    updateAnnotationRow(sqlite, id, { bodyMd: body, bodyHtml: renderMarkdown(body), visibility: u.visibility ?? a.visibility }, now);
    writeAudit(sqlite, actor, { action: 'annotation.update', itemId: a.itemId, topicId: a.topicId, targetType: 'annotation', targetId: id, detail: { ...u } }, now);
    touchItems(sqlite, [a.itemId], now);
  })();
}

export function deleteAnnotation(sqlite: Sqlite, actor: Actor, id: number, now: number): void {
  sqlite.transaction(() => {
    const a = getAnnotation(sqlite, id)!;
    markAnnotationDeleted(sqlite, id, now);
    writeAudit(sqlite, actor, { action: 'annotation.delete', itemId: a.itemId, topicId: a.topicId, targetType: 'annotation', targetId: id }, now);
    touchItems(sqlite, [a.itemId], now);
  })();
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
