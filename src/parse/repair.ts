/**
 * The repair pre-pass, run only when the strict XML parser refuses a document: real feeds use HTML named entities
 * (&nbsp; &eacute;), bare ampersands in URLs, control characters, junk around the root element and DOCTYPEs with
 * internal subsets. Entities declared in the DOCTYPE are expanded only when their value is plain text or one
 * character reference (so billion-laughs stays inert), within a budget of the document's own length.
 */
import { decodeHTMLStrict } from 'entities';
import { declaredEntities } from './declared-entities.js';

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** Expansions of declared entities, bounded so that many references to a long value cannot blow the document up. */
interface Declared {
  values: Map<string, string>;
  budget: number;
}

/** A declared value as character data: a character reference as is (when valid), text escaped. */
const asCharacterData = (v: string): string | null =>
  v.startsWith('&#') ? (validCharRef(v) ? v.replace('&#X', '&#x') : null) : v.replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Rewrites one non-CDATA stretch of markup. */
function repairSegment(s: string, declared: Declared): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&(#\d{1,7};|#[xX][0-9a-fA-F]{1,6};|([A-Za-z][A-Za-z0-9]{0,31});)?/g, (all, ref: string | undefined, name: string | undefined) => {
      if (!ref) return '&amp;';
      if (!name) return validCharRef(all) ? all.replace('&#X', '&#x') : `&amp;${ref}`;
      if (XML_ENTITIES.has(name)) return all;
      const value = declared.values.get(name);
      const expansion = value !== undefined && declared.budget >= value.length ? asCharacterData(value) : null;
      if (expansion !== null) {
        declared.budget -= expansion.length;
        return expansion;
      }
      const decoded = decodeHTMLStrict(all);
      // Known HTML entity → numeric reference; unknown (or a declared custom entity) → literal text.
      return decoded !== all ? [...decoded].map((c) => `&#${c.codePointAt(0)};`).join('') : `&amp;${ref}`;
    });
}

function validCharRef(ref: string): boolean {
  const n = ref[2] === 'x' || ref[2] === 'X' ? parseInt(ref.slice(3, -1), 16) : parseInt(ref.slice(2, -1), 10);
  return n === 0x9 || n === 0xa || n === 0xd || (n >= 0x20 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || (n >= 0x10000 && n <= 0x10ffff);
}

/** Returns a best-effort well-formed version of `xml` and what was changed. */
export function repairXml(xml: string): { text: string; changes: string[] } {
  const changes: string[] = [];
  const declared: Declared = { values: declaredEntities(xml), budget: xml.length };
  let text = xml;
  const start = text.indexOf('<');
  if (start > 0) {
    text = text.slice(start);
    changes.push('dropped text before the first tag');
  }
  // DOCTYPE (with any internal subset): feeds never need it and its entities must not be expanded.
  const doctype = findDoctype(text);
  if (doctype) {
    text = text.slice(0, doctype.start) + text.slice(doctype.end);
    changes.push('removed DOCTYPE');
  }
  // Keep CDATA sections and comments byte for byte; repair what lies between them.
  const repaired = mapOutsideVerbatim(text, (p) => repairSegment(p, declared));
  if (repaired !== text) changes.push('escaped stray ampersands / HTML entities');
  return { text: repaired, changes };
}

/**
 * The first `<!DOCTYPE …>`, its internal subset `[…]` included, found by scanning (issue 17: the regex it replaces
 * backtracked exponentially on `[][][]…`). Null when there is none or it never ends.
 */
function findDoctype(text: string): { start: number; end: number } | null {
  const start = text.search(/<!DOCTYPE/i);
  if (start < 0) return null;
  let i = start + '<!DOCTYPE'.length;
  while (i < text.length && text[i] !== '[' && text[i] !== '>' && text[i] !== '<') i++;
  if (text[i] === '>') return { start, end: i + 1 };
  if (text[i] !== '[') return null;
  // The subset ends at the first `]` followed (after optional whitespace) by `>`.
  const close = /\][ \t\r\n]*>/g;
  close.lastIndex = i;
  const m = close.exec(text);
  return m ? { start, end: m.index + m[0].length } : null;
}

/** Applies `repair` to the text between CDATA sections and comments, which are kept as they are (linear scan). */
function mapOutsideVerbatim(text: string, repair: (s: string) => string): string {
  const kinds = [
    { open: '<![CDATA[', close: ']]>', next: -1, done: false },
    { open: '<!--', close: '-->', next: -1, done: false },
  ];
  const out: string[] = [];
  let from = 0;
  let i = 0;
  for (;;) {
    for (const k of kinds) {
      if (!k.done && k.next < i) k.next = text.indexOf(k.open, i);
      if (k.next < 0) k.done = true;
    }
    const live = kinds.filter((k) => !k.done);
    if (!live.length) break;
    const k = live.reduce((a, b) => (b.next < a.next ? b : a));
    const end = text.indexOf(k.close, k.next + k.open.length);
    if (end < 0) {
      // Never closed: no later one of this kind can close either (like the split regex this replaces).
      k.done = true;
      continue;
    }
    out.push(repair(text.slice(from, k.next)), text.slice(k.next, end + k.close.length));
    from = i = end + k.close.length;
  }
  out.push(repair(text.slice(from)));
  return out.join('');
}
