/**
 * General entities a feed declares in its DOCTYPE's internal subset (`<!ENTITY id "tag:example.com,">`), read from
 * the prolog only. Only safe declarations count, as in feedparser: a value that is plain text (no `&`) or a single
 * character reference, so one expansion can never refer to another (no billion laughs). Parameter entities (`%`),
 * external ones (SYSTEM/PUBLIC) and anything else are ignored.
 */
const DECLARATION = /<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"&<]*|&#[xX]?[0-9a-fA-F]{1,7};)"|'([^'&<]*|&#[xX]?[0-9a-fA-F]{1,7};)')\s*>/g;
const FIRST_ELEMENT = /<[A-Za-z_]/;

export function declaredEntities(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  const first = FIRST_ELEMENT.exec(xml);
  const prolog = first ? xml.slice(0, first.index) : xml;
  if (!prolog.includes('<!ENTITY')) return out;
  for (const m of prolog.matchAll(DECLARATION)) {
    // The first declaration of a name wins (XML 1.0 §4.2).
    if (!out.has(m[1]!)) out.set(m[1]!, m[2] ?? m[3] ?? '');
  }
  return out;
}
