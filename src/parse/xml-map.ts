/**
 * Maps an element tree (RSS 0.9x/2.0, RSS 1.0/RDF, Atom 0.3/1.0, CDF) to a RawFeed. Namespace-aware, with the
 * conventional prefixes as a fallback for feeds that get namespace URIs slightly wrong.
 */
import { decodeHTMLStrict } from 'entities';
import { resolveUrl } from '../lib/url.js';
import { carriesMarkup } from '../text/strings.js';
import type { FeedFormat, RawEnclosure, RawEntry, RawFeed, RawText } from './types.js';
import { deepText, type XNode } from './xml-tree.js';

const NS: Record<string, string[]> = {
  atom: ['http://www.w3.org/2005/atom', 'http://purl.org/atom/ns#', 'http://www.w3.org/2005/atom/'],
  dc: ['http://purl.org/dc/elements/1.1/', 'http://purl.org/dc/elements/1.0/'],
  dcterms: ['http://purl.org/dc/terms/'],
  content: ['http://purl.org/rss/1.0/modules/content/'],
  xhtml: ['http://www.w3.org/1999/xhtml'],
  itunes: ['http://www.itunes.com/dtds/podcast-1.0.dtd', 'http://www.itunes.com/dtds/podcast-1.0.dtd/'],
  media: ['http://search.yahoo.com/mrss/', 'http://search.yahoo.com/mrss', 'http://video.search.yahoo.com/mrss'],
  rdf: ['http://www.w3.org/1999/02/22-rdf-syntax-ns#'],
};
const KNOWN = new Set(Object.values(NS).flat());

/** Mapping state: whether inline markup had to be rebuilt from a tree that lost document order. */
export interface MapContext {
  lostMarkup: boolean;
}

function inNs(n: XNode, kind: string): boolean {
  const uri = n.ns.toLowerCase();
  return NS[kind]!.includes(uri) || (!KNOWN.has(uri) && n.prefix === kind);
}

/** Core elements: no namespace, the document's own namespace, or Atom/RSS ones — not a module's. */
function isCore(n: XNode, coreNs: string): boolean {
  if (n.ns === '' || n.ns === coreNs) return true;
  const uri = n.ns.toLowerCase();
  return (uri.startsWith('http://purl.org/rss/') && !uri.includes('/modules/')) || uri.includes('backend.userland.com') || uri.includes('netscape.com/rdf');
}

const kids = (n: XNode, name: string, ok: (c: XNode) => boolean): XNode[] => n.children.filter((c) => c.name === name && ok(c));
const kid = (n: XNode, name: string, ok: (c: XNode) => boolean): XNode | undefined => n.children.find((c) => c.name === name && ok(c));
const trimmed = (s: string | undefined): string | null => (s && s.trim() ? s.trim() : null);

function serializeTree(nodes: XNode[], ctx: MapContext): string {
  ctx.lostMarkup = true;
  return nodes
    .map((c) => {
      const attrs = Object.entries(c.attrs).filter(([k]) => !k.startsWith('xmlns')).map(([k, v]) => ` ${k}="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`).join('');
      const inner = c.text.replace(/&/g, '&amp;').replace(/</g, '&lt;') + serializeTree(c.children, ctx);
      return `<${c.name}${attrs}>${inner}</${c.name}>`;
    })
    .join('');
}

/** Inline markup of an element's content, namespace prefixes dropped so HTML tools recognise the tags. */
function innerMarkup(n: XNode, ctx: MapContext, unwrapDiv: boolean): string {
  let target = n;
  if (unwrapDiv && n.children.length === 1 && n.children[0]!.name === 'div' && !n.text.trim()) target = n.children[0]!;
  const markup = target.markup ?? (target.children.length ? serializeTree(target.children, ctx) : target.text.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
  return markup.replace(/<(\/?)[A-Za-z_][\w.-]*:(?=[A-Za-z_])/g, '<$1').replace(/\sxmlns(:\w+)?="[^"]*"/g, '');
}

function decodeBase64(s: string): string {
  return Buffer.from(s.replace(/\s+/g, ''), 'base64').toString('utf8');
}

/** An Atom (or RSS-with-type) text construct. */
function textConstruct(n: XNode | undefined, ctx: MapContext, atom10: boolean): RawText | null {
  if (!n) return null;
  const type = (n.attrs.type ?? '').trim().toLowerCase();
  const mode = (n.attrs.mode ?? '').trim().toLowerCase();
  const hasElements = n.children.length > 0;
  let kind: RawText['type'];
  const declaredHtml = type === 'html' || type === 'text/html';
  if (type === 'xhtml' || type === 'application/xhtml+xml' || /[+/]xml$/.test(type) || mode === 'xml' || (hasElements && !declaredHtml && mode !== 'escaped' && mode !== 'base64')) kind = 'xhtml';
  else if (declaredHtml) kind = 'html';
  else if (type === '' || type === 'text' || type === 'plain' || type.startsWith('text/') || !type.includes('/')) kind = 'text';
  else kind = 'html'; // other MIME types arrive base64-encoded; we keep what decodes as text
  let value: string;
  if (kind === 'xhtml') value = innerMarkup(n, ctx, atom10 || type === 'xhtml');
  // Declared HTML that arrives wrapped in elements (TypePad's <div xmlns=…>escaped HTML</div>): the wrapper is
  // markup and its character data is HTML source, so the serialised markup is decoded once.
  else if (kind === 'html' && hasElements && mode !== 'base64') value = decodeHTMLStrict(innerMarkup(n, ctx, true));
  else value = n.text;
  if (mode === 'base64' || (kind !== 'xhtml' && type.includes('/') && !type.startsWith('text/') && !/xml/.test(type))) {
    value = decodeBase64(value);
    if (kind === 'text' && type.startsWith('text/html')) kind = 'html';
  }
  // Atom 0.3 escaped mode with a non-HTML type is still markup.
  if (mode === 'escaped' && kind === 'text' && type !== 'text/plain') kind = 'html';
  return { value, type: kind, base: n.base, lang: n.lang };
}

/** RSS text: descriptions are HTML; titles are text unless they carry markup by the rule of `carriesMarkup`. */
function rssText(n: XNode | undefined, ctx: MapContext, html: boolean): RawText | null {
  if (!n) return null;
  if (n.attrs.type || n.attrs.mode) return textConstruct(n, ctx, false);
  if (n.children.length && !n.text.trim()) return { value: innerMarkup(n, ctx, false), type: 'xhtml', base: n.base, lang: n.lang };
  const value = n.children.length ? innerMarkup(n, ctx, false) : n.text;
  return { value, type: html || n.children.length || carriesMarkup(value) ? 'html' : 'text', base: n.base, lang: n.lang };
}

/** Atom links with the given rel, as [element, href] (a link's text stands in for a missing href). */
function atomLinks(n: XNode, isAtomEl: (c: XNode) => boolean, rel: string): Array<[XNode, string]> {
  return kids(n, 'link', isAtomEl)
    .filter((l) => (l.attrs.rel ?? 'alternate').trim().toLowerCase() === rel)
    .map((l): [XNode, string | null] => [l, trimmed(l.attrs.href) ?? trimmed(l.text)])
    .filter((p): p is [XNode, string] => p[1] !== null);
}

const PERSON_MAX = 320;

/** A display name: Atom <name>, or the name part of RSS's "email (Name)" / "Name (email)" / "Name <email>". */
function personName(n: XNode | undefined): string | null {
  if (!n) return null;
  const name = n.children.find((c) => c.name === 'name');
  if (name) return trimmed(deepText(name));
  const email = n.children.find((c) => c.name === 'email');
  const raw = trimmed(deepText(n)) ?? (email ? trimmed(deepText(email)) : null);
  if (!raw) return null;
  // Real "name (email)" values are short; the cap bounds the two regexes' backtracking on hostile ones.
  if (raw.length > PERSON_MAX) return raw;
  const m = /^(\S+@\S+)\s*\((.+)\)$/.exec(raw) ?? /^(.+?)\s*[(<]\s*(\S+@[^)>\s]+)\s*[)>]$/.exec(raw);
  if (!m) return raw;
  return (m[1]!.includes('@') && !m[2]!.includes('@') ? m[2] : m[1])!.trim();
}

function enclosuresOf(item: XNode, isAtomEl: (c: XNode) => boolean, base: string | null): RawEnclosure[] {
  const out: RawEnclosure[] = [];
  const seen = new Set<string>();
  const add = (url: string | undefined, type: string | undefined, length: string | undefined): void => {
    const abs = resolveUrl(url, base);
    if (!abs || seen.has(abs)) return;
    seen.add(abs);
    out.push({ url: abs, type: trimmed(type), length: trimmed(length) });
  };
  for (const c of item.children) {
    if (c.name === 'enclosure' && !inNs(c, 'media')) add(c.attrs.url ?? c.attrs['rdf:resource'] ?? c.attrs.href, c.attrs.type, c.attrs.length);
    else if (c.name === 'link' && isAtomEl(c) && (c.attrs.rel ?? '').trim().toLowerCase() === 'enclosure') add(c.attrs.href, c.attrs.type, c.attrs.length);
  }
  if (!out.length) {
    const media = item.children.flatMap((c) => (inNs(c, 'media') && c.name === 'group' ? c.children : [c])).filter((c) => c.name === 'content' && inNs(c, 'media'));
    for (const m of media) add(m.attrs.url, m.attrs.type, m.attrs.filesize);
  }
  return out;
}

function categoriesOf(item: XNode, core: (c: XNode) => boolean): string[] {
  const out: string[] = [];
  const push = (s: string | null | undefined): void => {
    const t = s?.trim();
    if (t && !out.includes(t)) out.push(t);
  };
  for (const c of item.children) {
    if (c.name === 'category' && core(c)) push(c.attrs.term ?? c.attrs.label ?? deepText(c));
    else if (c.name === 'subject' && inNs(c, 'dc')) push(deepText(c));
    else if (c.name === 'category' && inNs(c, 'itunes')) {
      push(c.attrs.text);
      for (const sub of c.children) if (sub.name === 'category') push(sub.attrs.text);
    } else if (c.name === 'category' && inNs(c, 'media')) push(deepText(c));
    else if ((c.name === 'keywords' && inNs(c, 'itunes')) || (c.name === 'tags' && core(c))) deepText(c).split(',').forEach(push);
  }
  return out;
}

function dateStrings(item: XNode, core: (c: XNode) => boolean, cdf: boolean): string[] {
  const orAtom = (c: XNode): boolean => core(c) || inNs(c, 'atom');
  const order: Array<[string, (c: XNode) => boolean]> = [
    ['pubdate', core], ['published', orAtom], ['issued', core], ['date', (c) => inNs(c, 'dc')], ['issued', (c) => inNs(c, 'dcterms')],
    ['created', (c) => inNs(c, 'dcterms')], ['updated', orAtom], ['modified', core], ['modified', (c) => inNs(c, 'dcterms')],
    ['created', core], ['lastbuilddate', core],
  ];
  const out: string[] = [];
  for (const [name, ok] of order) {
    // A repeated date element: the last one counts (it overwrites the earlier ones, as in feedparser).
    const el = kids(item, name, ok).at(-1);
    const v = el && trimmed(deepText(el));
    if (v) out.push(v);
  }
  if (cdf && item.attrs.lastmod) out.push(item.attrs.lastmod);
  return out;
}

function entryOf(item: XNode, format: FeedFormat, coreNs: string, ctx: MapContext): RawEntry {
  const atom = format === 'atom';
  const atom10 = atom && item.ns.toLowerCase() === 'http://www.w3.org/2005/atom';
  const core = (c: XNode): boolean => isCore(c, coreNs);
  const isAtomEl = (c: XNode): boolean => (atom ? core(c) : inNs(c, 'atom'));
  const base = item.base;

  const titleEl = kid(item, 'title', core) ?? kid(item, 'title', (c) => inNs(c, 'dc')) ?? kid(item, 'title', (c) => inNs(c, 'media'));
  const title = atom ? textConstruct(titleEl, ctx, atom10) : rssText(titleEl, ctx, false);

  let link: string | null = null;
  if (!atom) link = resolveUrl(trimmed(kids(item, 'link', core).find((l) => l.text.trim())?.text), base);
  if (!link) {
    const alt = atomLinks(item, isAtomEl, 'alternate')[0];
    if (alt) link = resolveUrl(alt[1], alt[0].base);
  }
  if (!link && item.attrs.href) link = resolveUrl(item.attrs.href, base); // CDF
  const guidEl = kid(item, atom ? 'id' : 'guid', core) ?? kid(item, 'identifier', (c) => inNs(c, 'dc'));
  // Ids are opaque: never resolved against a base, or the same entry would change identity with the feed's URL.
  const guid = trimmed(guidEl ? deepText(guidEl) : undefined) ?? trimmed(item.attrs['rdf:about']);
  if (!link && guidEl && !atom && (guidEl.attrs.ispermalink ?? 'true').trim().toLowerCase() !== 'false' && guid && /^https?:\/\//i.test(guid)) link = guid;
  if (!link && guid && format === 'rdf' && /^https?:\/\//i.test(guid)) link = guid;

  const authorEl =
    (atom ? kid(item, 'author', core) : kid(item, 'author', core)) ??
    kid(item, 'creator', (c) => inNs(c, 'dc')) ?? kid(item, 'author', (c) => inNs(c, 'dc')) ?? kid(item, 'author', (c) => inNs(c, 'itunes')) ?? kid(item, 'author', (c) => inNs(c, 'atom'));
  const author = personName(authorEl);

  let summary: RawText | null;
  let content: RawText | null;
  if (atom) {
    summary = textConstruct(kid(item, 'summary', core), ctx, atom10);
    content = textConstruct(kid(item, 'content', core), ctx, atom10);
    if (!summary && !content) summary = textConstruct(kid(item, 'description', (c) => inNs(c, 'dc')), ctx, false);
  } else {
    const encoded = kid(item, 'encoded', (c) => inNs(c, 'content'));
    const body = kid(item, 'body', (c) => inNs(c, 'xhtml') || c.ns === '') ?? kid(item, 'fullitem', () => true);
    const desc = kid(item, 'description', core) ?? kid(item, 'abstract', core) ?? kid(item, 'description', (c) => inNs(c, 'dc'));
    const sum = kid(item, 'summary', core) ?? kid(item, 'summary', (c) => inNs(c, 'itunes'));
    const full = encoded && (encoded.text.trim() || encoded.children.length) ? encoded : body;
    content = full ? rssText(full, ctx, true) : null;
    summary = rssText(sum && desc ? sum : (desc ?? sum), ctx, true);
    if (!content && sum && desc) content = rssText(desc, ctx, true);
    if (!content && atom === false) {
      const atomContent = kid(item, 'content', (c) => inNs(c, 'atom'));
      if (atomContent) content = textConstruct(atomContent, ctx, true);
    }
  }

  if (!summary && !content) {
    const mediaDesc = kid(item, 'description', (c) => inNs(c, 'media')) ?? kid(item, 'group', (c) => inNs(c, 'media'))?.children.find((c) => c.name === 'description');
    if (mediaDesc) summary = rssText(mediaDesc, ctx, false);
  }
  const dcLang = trimmed(kid(item, 'language', (c) => inNs(c, 'dc'))?.text);
  const lang = dcLang ?? [content, summary, title].find((t) => t !== null && t.lang !== null)?.lang ?? item.lang;

  return {
    guid,
    link,
    title,
    author,
    dates: dateStrings(item, core, format === 'rss' && item.attrs.lastmod !== undefined),
    summary,
    content,
    categories: categoriesOf(item, core),
    enclosures: enclosuresOf(item, isAtomEl, base),
    lang,
    base,
  };
}

function fillBase(n: XNode, base: string): void {
  if (n.base === null) n.base = base;
  for (const c of n.children) fillBase(c, base);
}

/** Detects the format from the root element; null when the document is not a feed. */
export function detectFormat(root: XNode): FeedFormat | null {
  if (root.name === 'rss' || root.name === 'channel') return 'rss';
  if (root.name === 'rdf') return 'rdf';
  if (root.name === 'feed') return 'atom';
  return null;
}

export function mapXmlFeed(root: XNode, format: FeedFormat, ctx: MapContext): RawFeed {
  const coreNs = format === 'rss' ? (kid(root, 'channel', () => true)?.ns ?? root.ns) : format === 'rdf' ? (kid(root, 'channel', () => true)?.ns ?? '') : root.ns;
  const core = (c: XNode): boolean => isCore(c, coreNs);
  const channel = format === 'atom' || root.name === 'channel' ? root : (kid(root, 'channel', () => true) ?? root);
  let items = format === 'atom' ? kids(root, 'entry', core) : kids(channel, 'item', () => true);
  if (!items.length && channel !== root) items = kids(root, 'item', () => true);
  if (format === 'rdf' && channel !== root) items = kids(root, 'item', () => true).length ? kids(root, 'item', () => true) : items;

  const atom = format === 'atom';
  const atom10 = atom && root.ns.toLowerCase() === 'http://www.w3.org/2005/atom';
  const titleEl = kid(channel, 'title', core) ?? kid(channel, 'title', (c) => inNs(c, 'dc'));
  const title = atom ? textConstruct(titleEl, ctx, atom10) : rssText(titleEl, ctx, false);
  let link: string | null = null;
  if (!atom) link = resolveUrl(trimmed(kids(channel, 'link', core).find((l) => l.text.trim())?.text), channel.base);
  if (!link) {
    const isAtomEl = (c: XNode): boolean => (atom ? core(c) : inNs(c, 'atom'));
    const alt = atomLinks(channel, isAtomEl, 'alternate')[0];
    if (alt) link = resolveUrl(alt[1], alt[0].base);
  }
  if (!link && channel.attrs.href) link = resolveUrl(channel.attrs.href, channel.base);
  // Without a document URL or xml:base, relative item links resolve against the feed's own (absolute) link.
  if (!channel.base && link && /^https?:\/\//i.test(link)) fillBase(root, link);
  const descEl = atom
    ? (kid(channel, 'subtitle', core) ?? kid(channel, 'tagline', core))
    : (kid(channel, 'description', core) ?? kid(channel, 'abstract', core));
  const description =
    (atom ? textConstruct(descEl, ctx, atom10) : rssText(descEl, ctx, true)) ??
    rssText(kid(channel, 'description', (c) => inNs(c, 'dc')), ctx, true) ??
    rssText(kid(channel, 'subtitle', (c) => inNs(c, 'itunes')), ctx, false) ??
    rssText(kid(channel, 'summary', (c) => inNs(c, 'itunes')), ctx, false) ??
    (atom ? textConstruct(kid(channel, 'info', core), ctx, false) : null);
  const language = trimmed(kid(channel, 'language', core)?.text) ?? trimmed(kid(channel, 'language', (c) => inNs(c, 'dc'))?.text) ?? channel.lang ?? root.lang ?? title?.lang ?? null;

  return {
    title,
    link,
    description,
    language,
    base: channel.base,
    entries: items.map((it) => entryOf(it, format, coreNs, ctx)),
  };
}
