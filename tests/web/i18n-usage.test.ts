/** Every string key the screens use exists in both catalogues (literal keys and the families built at run time). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogues } from '../../web/i18n/index.js';

const root = join(import.meta.dirname, '../..');
const files = [
  ...readdirSync(join(root, 'web/views')).filter((f) => /\.tsx?$/.test(f)).map((f) => join(root, 'web/views', f)),
  ...readdirSync(join(root, 'src/http/routes')).filter((f) => /^pages.*\.tsx?$/.test(f)).map((f) => join(root, 'src/http/routes', f)),
];
const used = new Set<string>();
for (const f of files) {
  const src = readFileSync(f, 'utf8');
  for (const m of src.matchAll(/\bt\('([a-zA-Z][\w.]*)'/g)) used.add(m[1]!);
  for (const m of src.matchAll(/\bdone(?:=|: )["'{]*'?((?:flash)\.\w+)/g)) used.add(m[1]!);
  for (const m of src.matchAll(/link\('[^']*', '([\w.]+)'\)/g)) used.add(m[1]!);
}
const families: Record<string, string[]> = {
  'signals.status': ['watching', 'confirmed', 'dismissed'],
  'curation.flag.strength': ['1', '2', '3'],
  role: ['admin', 'curator', 'member'],
  'tokens.scope': ['read', 'curate'],
  'curation.note.visibility': ['topic', 'public'],
  'map.kind': ['source', 'curator', 'member', 'shared'],
  'sources.status': ['ok', 'not_modified', 'error', 'never'],
  audit: ['tag.add', 'tag.remove', 'tag.merge', 'flag.create', 'flag.status', 'flag.visibility', 'annotation.create', 'annotation.update', 'annotation.delete', 'approval.set', 'approval.remove'],
  'report.col': ['gathered', 'flagged', 'confirmed', 'approved', 'republished', 'contributors', 'sources', 'sourcesFailing', 'sourcesPaused', 'digestSubscribers', 'digestDeliveries'],
  'saved.field': ['q', 'topic', 'source', 'tag', 'signal', 'lang', 'since', 'until', 'sort', 'approved'],
};
for (const [prefix, names] of Object.entries(families)) for (const n of names) used.add(`${prefix}.${n}`);

describe('catalogue coverage', () => {
  const cats = loadCatalogues();
  it('finds the keys the screens use', () => {
    expect(used.size).toBeGreaterThan(200);
  });
  it.each(['fr', 'en'] as const)('%s has every key the screens use', (locale) => {
    expect([...used].filter((k) => !(k in cats[locale])).sort()).toEqual([]);
  });
});
