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
  const withoutDoctype = text.replace(/<!DOCTYPE(?:[^<>[\]]|\[[\s\S]*?\])*>/i, '');
  if (withoutDoctype !== text) {
    text = withoutDoctype;
    changes.push('removed DOCTYPE');
  }
  // Keep CDATA sections byte for byte; repair what lies between them.
  const parts = text.split(/(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/);
  const repaired = parts.map((p, i) => (i % 2 === 1 ? p : repairSegment(p, declared))).join('');
  if (repaired !== text) changes.push('escaped stray ampersands / HTML entities');
  return { text: repaired, changes };
}
