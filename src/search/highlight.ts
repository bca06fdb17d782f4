/**
 * Engines mark matches with control characters (never present in indexed text); we escape the text as HTML and
 * only then turn the marks into <mark>, so a title like "<script>" can never become markup.
 */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Escaped HTML with <mark> around the engine's marked ranges (unbalanced marks are dropped). */
export function marksToHtml(marked: string): string {
  let out = '';
  let open = false;
  for (const part of marked.split(/([\u0002\u0003])/)) {
    if (part === MARK_START) {
      if (!open) out += '<mark>';
      open = true;
    } else if (part === MARK_END) {
      if (open) out += '</mark>';
      open = false;
    } else out += escapeHtml(part.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''));
  }
  return open ? `${out}</mark>` : out;
}

/** A plain-text excerpt (no match to show): the first words, escaped. */
export function plainExcerpt(text: string | null, maxChars = 200): string {
  if (!text) return '';
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= maxChars) return escapeHtml(t);
  const cut = t.slice(0, maxChars);
  const space = cut.lastIndexOf(' ');
  return `${escapeHtml(space > maxChars / 2 ? cut.slice(0, space) : cut)}…`;
}
