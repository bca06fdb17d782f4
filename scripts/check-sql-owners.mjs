#!/usr/bin/env node
// The data-layer rule, checked (run by `npm run lint`):
//   1. SQL lives only under src/db/ (and the visibility predicate builder in src/access/): no `.prepare(`, no `.exec(`
//      on a database handle, no sql`…` template, no drizzle query builder call, no drizzle-orm or better-sqlite3 value
//      import anywhere else in src/, web/ or workers/.
//   2. An INSERT, UPDATE or DELETE on a table happens only in that table's owner folder (OWNERS below; the README's
//      Development section has the same table). A table with no owner is a violation too: new tables get a folder.
// Every violation is printed as file:line; the exit code is 1 when there is any.
// Files are parsed with the TypeScript compiler (syntax only, no type check), so comments and prose never match.
import ts from 'typescript';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Table → the folder (under src/db/) that owns its writes. */
export const OWNERS = {
  items: 'items',
  item_bands: 'items',
  clusters: 'items',
  sources: 'sources',
  source_topics: 'sources',
  fetch_log: 'sources',
  topics: 'topics',
  users: 'accounts',
  memberships: 'accounts',
  sessions: 'accounts',
  api_tokens: 'accounts',
  invitations: 'accounts',
  password_resets: 'accounts',
  user_prefs: 'accounts',
  app_passwords: 'accounts',
  channels: 'outbound',
  deliveries: 'outbound',
  item_reads: 'reading',
  tags: 'curation',
  item_tags: 'curation',
  flags: 'curation',
  flag_items: 'curation',
  annotations: 'curation',
  approvals: 'curation',
  item_marks: 'curation',
  saved_searches: 'curation',
  audit_log: 'audit',
  outbox: 'search',
  items_fts: 'search',
  search_source_state: 'search',
  meta: 'meta',
  inbound_emails: 'inbound',
  leases: 'jobs',
};
/** Table-name prefixes owned as a group. */
const PREFIX_OWNERS = [
  ['digest_', 'digests'],
  ['radar_', 'radar'],
  ['items_fts', 'search'],
];

/** Where SQL may appear at all (paths relative to the repository, with forward slashes). */
const SQL_HOMES = ['src/db/', 'src/access/'];
/** Generated or schema-only files: never scanned for writes (the schema declares tables; migrations are SQL files). */
const SKIP = [/^src\/db\/migrations\//];
const SCANNED_DIRS = ['src', 'web', 'workers'];

export function ownerOf(table) {
  if (OWNERS[table]) return OWNERS[table];
  for (const [prefix, owner] of PREFIX_OWNERS) if (table.startsWith(prefix)) return owner;
  return null;
}

const SQL_START = /^\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|WITH|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|VACUUM|ANALYZE|ATTACH|DETACH|REINDEX)\b/i;
// Upper-case keywords only: the code base writes SQL in capitals, and prose ("update the index") must not match.
const WRITES = [
  /\bINSERT\s+(?:OR\s+[A-Z]+\s+)?INTO\s+[`"[]?(\w+)/g,
  /\bREPLACE\s+INTO\s+[`"[]?(\w+)/g,
  /\bUPDATE\s+(?:OR\s+[A-Z]+\s+)?[`"[]?(\w+)[`"\]]?\s+SET\b/g,
  /\bDELETE\s+FROM\s+[`"[]?(\w+)/g,
];
const DB_RECEIVER = /(^|[.\s(])(sqlite|db|\$client|database|conn|tx)\)?$/i;
const DRIZZLE_BUILDERS = new Set(['select', 'selectDistinct', 'insert', 'update', 'delete']);
const DRIVER_MODULES = [/^better-sqlite3$/, /^drizzle-orm(\/|$)/];

const posix = (p) => p.split(sep).join('/');

function walk(dir) {
  let out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'node_modules') out = out.concat(walk(p));
    } else if (/\.(ts|tsx|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Drizzle table variables (`export const items = sqliteTable('items', …)`) → SQL table names. */
function schemaTables() {
  const map = new Map();
  const dir = join(root, 'src/db/schema');
  for (const file of walk(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b(?:export\s+)?const\s+(\w+)\s*=\s*sqlite(?:Table|View)\(\s*['"`](\w+)['"`]/g)) map.set(m[1], m[2]);
  }
  return map;
}

function literalText(node) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ? ');
  return null;
}

export function checkFile(rel, text, tables) {
  const violations = [];
  const inSqlHome = SQL_HOMES.some((h) => rel.startsWith(h));
  const ownerFolder = rel.startsWith('src/db/') ? rel.slice('src/db/'.length).split('/')[0] : null;
  const kind = rel.endsWith('x') ? ts.ScriptKind.TSX : rel.endsWith('.ts') || rel.endsWith('.mts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true, kind);
  const at = (node) => `${rel}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
  const report = (node, message) => violations.push({ where: at(node), message });
  const noSql = (node, what) => {
    if (!inSqlHome) report(node, `${what} outside src/db/ (move it into the owner of the table it reads or writes)`);
  };
  const checkWrites = (node, sqlText) => {
    for (const re of WRITES) {
      for (const m of sqlText.matchAll(re)) writeTo(node, m[1]);
    }
  };
  const writeTo = (node, table) => {
    if (table === 'SET' || table === 'excluded') return;
    const owner = ownerOf(table);
    if (!owner) return report(node, `write to table "${table}", which has no owner folder in scripts/check-sql-owners.mjs`);
    if (ownerFolder !== owner) report(node, `write to "${table}" outside its owner src/db/${owner}/`);
  };

  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const spec = node.moduleSpecifier.text;
      const typeOnly = node.importClause?.isTypeOnly || (node.importClause && !node.importClause.name && node.importClause.namedBindings && ts.isNamedImports(node.importClause.namedBindings) && node.importClause.namedBindings.elements.every((e) => e.isTypeOnly));
      if (!typeOnly && node.importClause !== undefined && DRIVER_MODULES.some((re) => re.test(spec))) noSql(node, `import of ${spec}`);
      if (!typeOnly && node.importClause === undefined && DRIVER_MODULES.some((re) => re.test(spec))) noSql(node, `import of ${spec}`);
    }
    if (ts.isTaggedTemplateExpression(node)) {
      const tag = node.tag.getText(sf);
      if (tag === 'sql' || tag.endsWith('.sql')) {
        noSql(node, 'sql`…` template');
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      const receiver = node.expression.expression.getText(sf);
      const arg = node.arguments[0];
      const argText = arg ? literalText(arg) : null;
      if (name === 'prepare' && !ts.isRegularExpressionLiteral(node.expression.expression)) {
        noSql(node, '.prepare(…)');
      } else if (name === 'exec' && !ts.isRegularExpressionLiteral(node.expression.expression)) {
        if ((argText !== null && SQL_START.test(argText)) || DB_RECEIVER.test(receiver)) noSql(node, 'database .exec(…)');
      } else if (name === 'raw' && receiver === 'sql') {
        noSql(node, 'sql.raw(…)');
      } else if (DRIZZLE_BUILDERS.has(name) && /(^|\.)(db|tx)$/.test(receiver)) {
        noSql(node, `drizzle ${name}() query`);
        if (name !== 'select' && name !== 'selectDistinct' && arg && ts.isIdentifier(arg)) {
          const table = tables.get(arg.text);
          if (table) writeTo(node, table);
        }
      } else if ((name === 'findMany' || name === 'findFirst') && /(^|\.)(db|tx)\.query\.\w+$/.test(receiver)) {
        noSql(node, `drizzle ${name}() query`);
      }
    }
    const t = literalText(node);
    if (t !== null) checkWrites(node, t);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return violations;
}

function main() {
  const tables = schemaTables();
  const files = SCANNED_DIRS.flatMap((d) => walk(join(root, d)));
  const all = [];
  for (const file of files) {
    const rel = posix(relative(root, file));
    if (SKIP.some((re) => re.test(rel))) continue;
    if (rel.startsWith('src/db/schema/')) continue;
    all.push(...checkFile(rel, readFileSync(file, 'utf8'), tables));
  }
  // One line per (place, message): a template literal holding two writes to the same table is one violation.
  const seen = new Set();
  const lines = all.map((v) => `${v.where}: ${v.message}`).filter((l) => !seen.has(l) && seen.add(l));
  if (lines.length) {
    console.error(lines.join('\n'));
    console.error(`\ncheck-sql-owners: ${lines.length} violation${lines.length === 1 ? '' : 's'} in ${new Set(all.map((v) => v.where.replace(/:\d+$/, ''))).size} files`);
    process.exitCode = 1;
  } else {
    console.error(`check-sql-owners: ok (${files.length} files)`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
