/** Small text helpers shared by normalisation: whitespace folding, entity decoding, truncation. */
import { decodeHTMLStrict } from 'entities';
import { ALLOWED_TAGS } from './html-elements.js';

/** Collapses every run of whitespace (line breaks, tabs, NBSP) to one space and trims. */
export function foldWhitespace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Decodes HTML character references (named, decimal, hex); strict so `?a=1&copy=2` stays as written. */
export function decodeEntities(s: string): string {
  return s.includes('&') ? decodeHTMLStrict(s) : s;
}

const UNESCAPE: Record<string, string> = { lt: '<', gt: '>', quot: '"', amp: '&' };

/** Undoes sanitize-html's text escaping (&amp; &lt; &gt; &quot;), the only references it emits in text. */
export function unescapeSanitised(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(lt|gt|quot|amp);/g, (_, e: string) => UNESCAPE[e]!);
}

/** Escapes text for inclusion in HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Cuts `s` to at most `max` characters at a word boundary, with an ellipsis when cut. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** True when a string seems to carry HTML markup or character references rather than plain text. */
export function looksLikeHtml(s: string): boolean {
  return /<\/?[a-zA-Z][^<>]*>|<!--|&(?:#\d+|#x[\da-fA-F]+|[a-zA-Z][a-zA-Z\d]{1,31});/.test(s);
}

const KNOWN_TAGS = new Set(ALLOWED_TAGS);
const CLOSING_TAG_OR_REFERENCE = /<\/[A-Za-z][\w-]*\s*>|&#?\w+;/;
const TAG_NAME = /<\/?([A-Za-z][\w-]*)/g;
const NAMED_REFERENCE = /&(\w+);/g;

/**
 * The documented rule for fields that are plain text unless they say otherwise (an RSS title, a channel title, a
 * type-less text construct): the value is read as HTML only when it has a closing tag or a character reference,
 * every tag in it names an element the sanitiser keeps, and every named reference is an HTML entity (the rule of
 * Python's feedparser). So "Use the <video> element and a <b> tag" and "<script>alert(1)</script>" stay text, while
 * "<b>Bold</b> news" and a double-escaped "Ben &amp; Jerry" are markup.
 */
export function carriesMarkup(s: string): boolean {
  if (!CLOSING_TAG_OR_REFERENCE.test(s)) return false;
  for (const m of s.matchAll(TAG_NAME)) if (!KNOWN_TAGS.has(m[1]!.toLowerCase())) return false;
  for (const m of s.matchAll(NAMED_REFERENCE)) if (decodeHTMLStrict(m[0]) === m[0]) return false;
  return true;
}

// C1 controls are never meant in feeds: they are windows-1252 punctuation that went through a latin-1 decoder or a
// numeric reference (&#146;). HTML5 maps them the same way.
const C1 = /[\u0080-\u009f]/g;
const HAS_C1 = /[\u0080-\u009f]/;
// windows-1252 0x80–0x9F ('' where the code page leaves the byte undefined).
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
export function fixC1(s: string): string {
  return HAS_C1.test(s) ? s.replace(C1, (c) => CP1252[c.charCodeAt(0) - 0x80]!) : s;
}
