/**
 * Feed HTML made safe to show: sanitize-html with an allow-list (no script, style, iframe, object, form; no event
 * handlers, no style attributes; only http(s)/mailto/tel links), relative URLs resolved against the entry's base.
 * One pass yields both the safe HTML and its plain text. Options objects are built once per sanitiser and reused.
 */
import { createRequire, Module } from 'node:module';
import type sanitizeHtmlType from 'sanitize-html';
import { ALLOWED_TAGS } from './html-elements.js';
import { webUrl } from '../lib/web-url.js';
import { escapeHtml, foldWhitespace, looksLikeHtml, unescapeSanitised } from './strings.js';

const require = createRequire(import.meta.url);

/**
 * Loads sanitize-html without postcss: it needs postcss only to parse style attributes, which we never keep
 * (parseStyleAttributes: false), and postcss is the bulk of its load time — `vigie parse` must start fast.
 * The stand-in is removed from the require cache at once, so anyone else requiring postcss gets the real one.
 */
let sanitizeHtmlModule: typeof sanitizeHtmlType | null = null;
function loadSanitizeHtml(): typeof sanitizeHtmlType {
  sanitizeHtmlModule ??= loadWithoutPostcss();
  return sanitizeHtmlModule;
}
function loadWithoutPostcss(): typeof sanitizeHtmlType {
  const postcssPath = require.resolve('postcss', { paths: [require.resolve('sanitize-html')] });
  if (require.cache[postcssPath]) return require('sanitize-html') as typeof sanitizeHtmlType;
  const standIn = new Module(postcssPath);
  standIn.loaded = true;
  standIn.exports = { parse: () => { throw new Error('style attributes are not parsed'); } };
  require.cache[postcssPath] = standIn;
  try {
    return require('sanitize-html') as typeof sanitizeHtmlType;
  } finally {
    delete require.cache[postcssPath];
  }
}

export interface Sanitised {
  html: string;
  text: string;
}

export interface Sanitiser {
  /** Safe HTML and its folded plain text. `baseUrl` resolves relative href/src. */
  sanitise(html: string, baseUrl: string | null): Sanitised;
  /** Plain text of an HTML fragment (scripts and styles dropped, entities decoded, whitespace folded). */
  toText(html: string): string;
}

const GLOBAL_ATTRS = ['title', 'lang', 'dir'];
const ALLOWED_ATTRS: Record<string, string[]> = {
  '*': GLOBAL_ATTRS,
  a: ['href', 'name', 'hreflang'],
  img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height'],
  source: ['src', 'srcset', 'sizes', 'type', 'media'],
  video: ['src', 'poster', 'controls', 'width', 'height', 'loop', 'muted'],
  audio: ['src', 'controls', 'loop', 'muted'],
  td: ['colspan', 'rowspan', 'align', 'valign', 'headers'],
  th: ['colspan', 'rowspan', 'align', 'valign', 'scope', 'headers'],
  col: ['span', 'width'],
  colgroup: ['span', 'width'],
  ol: ['start', 'type', 'reversed'],
  ul: ['type'],
  li: ['value'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite', 'datetime'],
  ins: ['cite', 'datetime'],
  time: ['datetime'],
  abbr: ['title'],
  bdo: ['dir'],
  font: ['color', 'size'],
};
// Element contents dropped with the element (not just the tags).
// iframe/object/applet are dropped as tags but their children (fallback content) are kept and sanitised like the rest;
// noscript often holds the real <img> of lazy-loaded pictures.
const NON_TEXT_TAGS = ['script', 'style', 'textarea', 'option', 'xmp', 'template', 'noembed', 'noframes', 'head'];
// Feed HTML is often XHTML-ish: `<iframe/>` must not swallow the rest of the text.
const PARSER = { recognizeSelfClosing: true };
const BLOCK_TAGS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th',
  'table', 'blockquote', 'pre', 'hr', 'section', 'article', 'aside', 'header', 'footer', 'figure', 'figcaption',
  'address', 'details', 'summary', 'caption',
]);
const URL_ATTRS = ['href', 'src', 'poster', 'cite'];
// In HTML, `<!` opens a comment or a DOCTYPE (which fragments drop). Anything else after it — `<!'`, `<!DOCTYPE ~`,
// an unterminated `<!DOCTYPE`, a CDATA section (HTML has none outside SVG/MathML) — would be read as a bogus comment
// swallowing the words up to the next `>`; it is text, so it is escaped and shown as written.
const STRAY_DECLARATION = /<!(?!--|doctype\s+[a-z][^<>]*>)/gi;
const escapeStrayDeclarations = (html: string): string => (html.includes('<!') ? html.replace(STRAY_DECLARATION, '&lt;!') : html);

/** A content URL: http(s) under the URL policy, or (for links) a mailto:/tel: one, which cannot run script. */
function contentUrl(value: string, base: string | null, isLink: boolean): string | null {
  const web = webUrl(value, base);
  if (web) return web;
  const v = value.trim();
  return isLink && /^(?:mailto|tel):[^\s]/i.test(v) && !/[\u0000-\u001f]/.test(v) ? v : null;
}

export function createSanitiser(): Sanitiser {
  const sanitizeHtml = loadSanitizeHtml();
  // Per-call state read by the option callbacks below; sanitize-html runs synchronously, so one slot suffices.
  let base: string | null = null;
  let textParts: string[] = [];

  const collectText = (escaped: string): string => {
    textParts.push(escaped);
    return escaped;
  };
  const markBlock = (name: string): void => {
    if (BLOCK_TAGS.has(name)) textParts.push(' ');
  };
  // Links and sources under the URL policy: absolute http(s) once resolved against the entry's base (mailto: and
  // tel: links kept); anything else, a relative URL without a base included, loses the attribute.
  const resolveAttrs = (tagName: string, attribs: sanitizeHtmlType.Attributes): sanitizeHtmlType.Tag => {
    for (const a of URL_ATTRS) {
      const v = attribs[a];
      if (v === undefined) continue;
      const safe = contentUrl(v, base, a === 'href');
      if (safe) attribs[a] = safe;
      else delete attribs[a];
    }
    const srcset = attribs.srcset;
    if (srcset !== undefined) {
      const kept = srcset
        .split(',')
        .map((part) => {
          const [u, ...rest] = part.trim().split(/\s+/);
          const safe = webUrl(u ?? '', base);
          return safe ? [safe, ...rest].join(' ') : null;
        })
        .filter((p): p is string => p !== null);
      if (kept.length) attribs.srcset = kept.join(', ');
      else delete attribs.srcset;
    }
    return { tagName, attribs };
  };
  const transformTags = Object.fromEntries(['a', 'img', 'source', 'video', 'audio', 'blockquote', 'q', 'del', 'ins'].map((t) => [t, resolveAttrs]));

  const htmlOptions: sanitizeHtmlType.IOptions = {
    allowedTags: [...ALLOWED_TAGS],
    allowedAttributes: ALLOWED_ATTRS,
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'poster', 'srcset'],
    allowProtocolRelative: true,
    nonTextTags: NON_TEXT_TAGS,
    parseStyleAttributes: false,
    parser: PARSER,
    transformTags,
    textFilter: collectText,
    onOpenTag: markBlock,
    onCloseTag: markBlock,
  };
  const textOptions: sanitizeHtmlType.IOptions = {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: NON_TEXT_TAGS,
    parseStyleAttributes: false,
    parser: PARSER,
    textFilter: collectText,
    onOpenTag: markBlock,
    onCloseTag: markBlock,
  };

  const collected = (): string => {
    const text = foldWhitespace(unescapeSanitised(textParts.join('')));
    textParts = [];
    return text;
  };

  return {
    sanitise(html, baseUrl) {
      // Plain text needs no parser: the common short description costs nothing.
      if (!html.includes('<') && !html.includes('&')) return { html: html.trim(), text: foldWhitespace(html) };
      base = baseUrl;
      textParts = [];
      const out = sanitizeHtml(escapeStrayDeclarations(html), htmlOptions).trim();
      return { html: out, text: collected() };
    },
    toText(html) {
      if (!looksLikeHtml(html) && !html.includes('<')) return foldWhitespace(html);
      textParts = [];
      sanitizeHtml(escapeStrayDeclarations(html), textOptions);
      return collected();
    },
  };
}

/** Safe HTML for a plain-text value (text constructs declared as text). */
export function textToHtml(text: string): string {
  return escapeHtml(text);
}
