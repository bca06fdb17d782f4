/**
 * The HTML body of a published entry: the curator's public note, public annotations, an excerpt and the
 * attribution to the original source and author. Built from escaped text and already-sanitised annotation HTML,
 * then passed once more through a strict allow-list that also makes every URL absolute.
 */
import sanitizeHtml from 'sanitize-html';
import type { PublishedRow } from '../db/curation/published.js';
import type { Translate } from '../lib/i18n.js';
import { escapeHtml, truncate } from '../text/strings.js';
import { cleanText } from './xml.js';
import { safeHref } from '../lib/web-url.js';

const EXCERPT_CHARS = 600;

function absolute(href: string, base: string): string | null {
  try {
    const u = new URL(href, `${base}/`);
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'mailto:' ? u.href : null;
  } catch {
    return null;
  }
}

function strictOptions(base: string): sanitizeHtml.IOptions {
  return {
    allowedTags: ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'h5', 'h6', 'hr', 'cite', 'footer'],
    allowedAttributes: { a: ['href', 'rel'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      a: (tagName, attribs) => {
        const href = attribs.href ? absolute(attribs.href, base) : null;
        const safe: sanitizeHtml.Attributes = href ? { href, rel: 'noopener' } : {};
        return { tagName, attribs: safe };
      },
    },
  };
}

/** Sanitiser bound to the instance's public URL (options built once). */
export function createEntrySanitiser(publicUrl: string): (html: string) => string {
  const opts = strictOptions(publicUrl);
  return (html) => sanitizeHtml(cleanText(html), opts);
}

const paragraphs = (text: string) =>
  cleanText(text)
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');

/** Plain-text excerpt of the original: its summary, else the start of its text. */
export function excerpt(row: Pick<PublishedRow, 'summary' | 'contentText'>): string | null {
  const text = (row.summary ?? row.contentText ?? '').trim();
  return text ? truncate(cleanText(text), EXCERPT_CHARS) : null;
}

export function entryHtml(row: PublishedRow, t: Translate, formatDate: (ms: number) => string, sanitise: (html: string) => string): string {
  const parts: string[] = [];
  if (row.note?.trim()) parts.push(`<blockquote><p><strong>${escapeHtml(t('public.curatorNote'))}</strong></p>${paragraphs(row.note)}</blockquote>`);
  for (const a of row.annotations) {
    const by = a.author ? `<footer>— <cite>${escapeHtml(cleanText(a.author))}</cite></footer>` : '';
    parts.push(`<blockquote>${a.html}${by}</blockquote>`);
  }
  const ex = excerpt(row);
  if (ex) parts.push(paragraphs(ex));
  const source = escapeHtml(cleanText(row.sourceName));
  const title = escapeHtml(cleanText(row.title ?? row.url ?? ''));
  const href = safeHref(row.url);
  const link = href ? `<a href="${escapeHtml(href)}">${title || source}</a>` : title;
  const byline = row.author ? ` ${escapeHtml(t('public.byAuthor', { author: cleanText(row.author) }))}` : '';
  parts.push(`<p><em>${escapeHtml(t('public.sourceLabel'))}</em> ${source}${byline} — ${link} (${escapeHtml(formatDate(row.publishedAt))})</p>`);
  return sanitise(parts.join(''));
}
