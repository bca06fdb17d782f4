/**
 * One small, namespace-aware element tree for feed mapping, built by either engine: the strict parser
 * (rss-parser's xml2js, children grouped by name) or the lenient one (htmlparser2 through cheerio/slim in XML mode,
 * document order and raw inner markup kept, for damaged feeds and inline XHTML content).
 */
import { decodeHTMLAttribute, decodeHTMLStrict } from 'entities';
import { usableBase } from '../lib/url.js';
import { fixC1 } from '../text/strings.js';

export interface XNode {
  /** Local name, lower-cased (feeds are not consistent about case). */
  name: string;
  /** Prefix as written ('' when none). */
  prefix: string;
  /** Namespace URI in scope for the element ('' when none). */
  ns: string;
  /** Attributes by lower-cased qualified name, values decoded. */
  attrs: Record<string, string>;
  children: XNode[];
  /** Character data directly inside the element, decoded (CDATA as is). */
  text: string;
  /** Effective xml:base (absolute http(s)), or null. */
  base: string | null;
  /** Effective xml:lang ('' when explicitly blanked), or null when none is in scope. */
  lang: string | null;
  /** Raw inner markup, when the engine keeps it (lenient engine only). */
  markup: string | null;
}

interface Scope {
  ns: Record<string, string>;
  base: string | null;
  lang: string | null;
}

function splitQName(q: string): [string, string] {
  const i = q.indexOf(':');
  return i < 0 ? ['', q] : [q.slice(0, i), q.slice(i + 1)];
}

function enter(attrs: Record<string, string>, parent: Scope): Scope {
  let ns = parent.ns;
  let base = parent.base;
  let lang = parent.lang;
  for (const k in attrs) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) {
      if (ns === parent.ns) ns = { ...parent.ns };
      ns[k === 'xmlns' ? '' : k.slice(6)] = attrs[k]!.trim();
    } else if (k === 'xml:base') {
      base = usableBase(attrs[k], parent.base);
    } else if (k === 'xml:lang') {
      lang = attrs[k]!.trim();
    }
  }
  return ns === parent.ns && base === parent.base && lang === parent.lang ? parent : { ns, base, lang };
}

function makeNode(qname: string, attrs: Record<string, string>, scope: Scope): XNode {
  const [prefix, local] = splitQName(qname);
  return { name: local.toLowerCase(), prefix: prefix.toLowerCase(), ns: scope.ns[prefix] ?? '', attrs, children: [], text: '', base: scope.base, lang: scope.lang, markup: null };
}

// ---- strict engine: xml2js objects ({ $: attrs, _: text, child: [...] } or plain strings) ----

type Xml2jsValue = string | Xml2jsObject;
interface Xml2jsObject {
  [key: string]: unknown;
}

function lowerKeys(o: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (o) for (const k in o) out[k.toLowerCase()] = String(o[k]);
  return out;
}

export function fromXml2js(rootName: string, value: Xml2jsValue, docBase: string | null, docLang: string | null = null): XNode {
  const top: Scope = { ns: { xml: 'http://www.w3.org/XML/1998/namespace' }, base: docBase, lang: docLang };
  const walk = (qname: string, v: Xml2jsValue, parent: Scope): XNode => {
    if (typeof v !== 'object' || v === null) {
      const n = makeNode(qname, {}, parent);
      n.text = v == null ? '' : fixC1(String(v));
      return n;
    }
    const attrs = lowerKeys(v.$ as Record<string, unknown> | undefined);
    const scope = enter(attrs, parent);
    const n = makeNode(qname, attrs, scope);
    if (typeof v._ === 'string') n.text = fixC1(v._);
    for (const key in v) {
      if (key === '$' || key === '_') continue;
      const list = v[key];
      if (Array.isArray(list)) for (const c of list) n.children.push(walk(key, c as Xml2jsValue, scope));
    }
    return n;
  };
  return walk(rootName, value, top);
}

// ---- lenient engine: htmlparser2 DOM (entities left undecoded so that we decode once, HTML-aware) ----

export interface DomNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  data?: string;
}

function serialize(nodes: DomNode[] | undefined): string {
  if (!nodes) return '';
  let out = '';
  for (const c of nodes) {
    if (c.type === 'text') out += c.data ?? '';
    else if (c.type === 'cdata') out += (c.children ?? []).map((t) => (t.data ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')).join('');
    else if (c.type === 'tag' || c.type === 'script' || c.type === 'style') {
      const attrs = Object.entries(c.attribs ?? {}).map(([k, v]) => ` ${k}="${v.replace(/"/g, '&quot;')}"`).join('');
      out += c.children?.length ? `<${c.name}${attrs}>${serialize(c.children)}</${c.name}>` : `<${c.name}${attrs} />`;
    }
  }
  return out;
}

export function fromDom(root: DomNode, docBase: string | null, docLang: string | null = null): XNode | null {
  const top: Scope = { ns: { xml: 'http://www.w3.org/XML/1998/namespace' }, base: docBase, lang: docLang };
  const walk = (el: DomNode, parent: Scope): XNode => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(el.attribs ?? {})) attrs[k.toLowerCase()] = decodeHTMLAttribute(v);
    const scope = enter(attrs, parent);
    const n = makeNode(el.name ?? '', attrs, scope);
    let text = '';
    for (const c of el.children ?? []) {
      if (c.type === 'text') text += decodeHTMLStrict(c.data ?? '');
      else if (c.type === 'cdata') text += (c.children ?? []).map((t) => t.data ?? '').join('');
      else if (c.type === 'tag' || c.type === 'script' || c.type === 'style') n.children.push(walk(c, scope));
    }
    n.text = fixC1(text);
    n.markup = serialize(el.children);
    return n;
  };
  const first = (root.children ?? []).find((c) => c.type === 'tag' || c.type === 'script' || c.type === 'style');
  return first ? walk(first, top) : null;
}

/** The concatenated text of an element and its descendants (for elements holding inline markup). */
export function deepText(n: XNode): string {
  return n.children.length ? n.text + n.children.map(deepText).join('') : n.text;
}
