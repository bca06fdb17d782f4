/**
 * Module boundaries, checked by dependency-cruiser (`npm run lint`). The layers, from first to last:
 *   sources → fetch → parse → ingest → db owners → search / curation / digest / publish → http / web,
 * with src/lib, src/text and src/config usable by all. The rules below are the ones that must never break.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles hide a missing layer: move the shared part down (src/lib, src/text) instead.',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular-types',
      severity: 'error',
      comment: 'A cycle through type-only imports still couples two modules both ways.',
      from: {},
      to: { circular: true },
    },
    // The pipeline's layers: a stage imports the stages before it, never those after.
    {
      name: 'shared-helpers-stand-alone',
      severity: 'error',
      comment: 'src/lib, src/text and src/model are the shared bottom: they import nothing else from src/.',
      from: { path: '^src/(lib|text|model)/' },
      to: { path: '^(src|web|workers)/', pathNot: '^src/(lib|text|model)/' },
    },
    {
      name: 'fetch-before-parse',
      severity: 'error',
      comment: 'fetch knows nothing of what is done with a response.',
      from: { path: '^src/fetch/' },
      to: { path: '^src/(parse|sources|ingest|inbound|search|curation|digest|publish|signals|accounts|http|cli)/' },
    },
    {
      name: 'parse-before-ingest',
      severity: 'error',
      comment: 'parse + normalise turn bytes into NormalisedFeed; storing them is ingest\'s, which imports parse, not the reverse.',
      from: { path: '^src/parse/' },
      to: { path: '^src/(sources|ingest|inbound|search|curation|digest|publish|signals|accounts|http|cli)/' },
    },
    {
      name: 'sources-before-ingest',
      severity: 'error',
      comment: 'Source adapters collect and normalise; ingest (pipeline, dedupe, store) runs them, so they never import it.',
      from: { path: '^src/sources/' },
      to: { path: '^src/(ingest|inbound|search|curation|digest|publish|signals|http|cli)/' },
    },
    {
      name: 'db-below-domain',
      severity: 'error',
      comment: 'Owner modules hold SQL only: they import types and helpers, not the stages that call them.',
      from: { path: '^src/db/' },
      to: { path: '^(src/(sources|fetch|parse|ingest|inbound|search|curation|digest|publish|signals|http|cli)|web|workers)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-driver-in-edges',
      severity: 'error',
      comment:
        'Routes, pages, CLI commands and workers hold no SQL: they call owner functions (src/db/<owner>/) or src/ ' +
        'modules, never the driver (better-sqlite3) or the query builder (drizzle-orm) themselves.',
      from: { path: '^(src/http|web|src/cli|workers)/' },
      to: { path: '(^|/)node_modules/(better-sqlite3|drizzle-orm)/' },
    },
    {
      name: 'no-schema-in-edges',
      severity: 'error',
      comment: 'The drizzle tables (src/db/schema) are for owner modules to build queries with, not for the edges.',
      from: { path: '^(src/http|web|src/cli|workers)/' },
      to: { path: '^src/db/(schema|migrations)/' },
    },
    {
      name: 'no-db-client-values-in-edges',
      severity: 'error',
      comment:
        'From src/db/client.ts the edges take only the handle types (`import type { Sqlite, Db }`), to pass on the ' +
        'handle they were given; opening the database is the composition root\'s (src/deps.ts).',
      from: { path: '^(src/http|web|src/cli|workers)/' },
      to: { path: '^src/db/client\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-web-in-domain',
      severity: 'error',
      comment:
        'Domain code never imports web/ (views, i18n): pass what it needs (a translator) in. The composition root ' +
        '(src/deps.ts) is where the translator is made and handed over.',
      from: { path: '^src/', pathNot: '^src/((http|cli)/|deps\\.ts$)' },
      to: { path: '^web/' },
    },
    {
      name: 'no-http-or-workers-in-domain',
      severity: 'error',
      comment: 'Nothing imports src/http or workers/ but the CLI commands that start them (serve, worker).',
      from: { path: '^(src|web)/', pathNot: '^(src/http|src/cli|web)/' },
      to: { path: '^(src/http|workers)/' },
    },
    {
      name: 'no-tests-in-code',
      severity: 'error',
      from: { path: '^(src|web|workers)/' },
      to: { path: '^tests/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|src/db/migrations)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
    moduleSystems: ['es6', 'cjs'],
  },
};
