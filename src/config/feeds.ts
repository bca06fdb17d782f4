import { existsSync, readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { sourceDeclSchema, topicDeclSchema, type SourceDecl, type TopicDecl } from './source-schema.js';

export type { SourceDecl, TopicDecl } from './source-schema.js';

export interface FeedsConfig {
  file: string | null;
  topics: TopicDecl[];
  sources: SourceDecl[];
}

const fileSchema = z
  .object({
    topics: z.array(topicDeclSchema).default([]),
    sources: z.array(sourceDeclSchema).default([]),
  })
  .strict();

/**
 * Reads and validates feeds.yaml. Every problem is reported as `file:line:col: field: message`, all at once;
 * `${ENV_VAR}` in string values is replaced from `env` (an unset variable is an error).
 */
export function loadFeedsFile(file: string, env: NodeJS.ProcessEnv = process.env, required = true): FeedsConfig {
  if (!existsSync(file)) {
    if (required) throw new ConfigError(`${file}: feeds file not found (set FEEDS_FILE to its path)`);
    return { file: null, topics: [], sources: [] };
  }
  return parseFeedsYaml(readFileSync(file, 'utf8'), file, env);
}

export function parseFeedsYaml(text: string, file: string, env: NodeJS.ProcessEnv = process.env): FeedsConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const where = (offset: number | undefined) => {
    if (offset === undefined) return file;
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length) {
    throw new ConfigError(
      `${file}: not valid YAML`,
      doc.errors.map((e) => `${where(e.pos[0])}: ${e.message.split('\n')[0]}`),
    );
  }
  const problems = interpolate(doc, env, where);
  const raw = doc.toJS() ?? {};
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const field = describePath(path, raw);
      const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const node = locate(doc, unknownKeys.length ? [...path, unknownKeys[0]!] : path);
      problems.push(`${where(node?.range?.[0])}: ${field}: ${humanMessage(issue, unknownKeys)}`);
    }
  }
  problems.push(...crossCheck(raw, doc, where));
  if (problems.length) throw new ConfigError(`${file}: invalid configuration`, problems);
  return { file, topics: parsed.data!.topics, sources: parsed.data!.sources };
}

function interpolate(doc: Document, env: NodeJS.ProcessEnv, where: (o: number | undefined) => string): string[] {
  const problems: string[] = [];
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || !node.value.includes('${')) return;
      node.value = node.value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
        const v = env[name];
        if (v === undefined) {
          problems.push(`${where(node.range?.[0])}: environment variable ${name} is not set`);
          return '';
        }
        return v;
      });
    },
  });
  return problems;
}

/** The deepest YAML node that exists along `path` (to point at the line of a missing field's parent). */
function locate(doc: Document, path: (string | number)[]): Node | undefined {
  let node: unknown = doc.contents;
  let found = node as Node | undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair) break;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
    } else break;
    if (node) found = node as Node;
  }
  return found;
}

/** `sources[3] (who-news).url` — names the entry by its slug when it has one. */
function describePath(path: (string | number)[], raw: unknown): string {
  let out = '';
  let cursor: unknown = raw;
  for (const key of path) {
    if (typeof key === 'number') {
      cursor = Array.isArray(cursor) ? cursor[key] : undefined;
      const slug = cursor && typeof cursor === 'object' ? (cursor as { slug?: unknown }).slug : undefined;
      out += `[${key}]${typeof slug === 'string' ? ` (${slug})` : ''}`;
    } else {
      cursor = cursor && typeof cursor === 'object' ? (cursor as Record<string, unknown>)[key] : undefined;
      out += out ? `.${key}` : key;
    }
  }
  return out || '(top level)';
}

function humanMessage(issue: z.core.$ZodIssue, unknownKeys: string[]): string {
  if (unknownKeys.length) return `unknown field${unknownKeys.length > 1 ? 's' : ''} ${unknownKeys.map((k) => `'${k}'`).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) return `required field is missing (${issue.expected})`;
  return issue.message;
}

/** References between entries (topics of sources, unique slugs), checked on the raw data so they show up alongside field errors. */
function crossCheck(raw: unknown, doc: Document, where: (o: number | undefined) => string): string[] {
  const problems: string[] = [];
  const at = (path: (string | number)[]) => where(locate(doc, path)?.range?.[0]);
  const list = (k: string) => {
    const v = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[k] : undefined;
    return Array.isArray(v) ? (v as Record<string, unknown>[]).map((e) => (e && typeof e === 'object' ? e : {})) : [];
  };
  const topicSlugs = new Set<string>();
  list('topics').forEach((t, i) => {
    if (typeof t.slug !== 'string') return;
    if (topicSlugs.has(t.slug)) problems.push(`${at(['topics', i, 'slug'])}: topics[${i}].slug: duplicate topic '${t.slug}'`);
    topicSlugs.add(t.slug);
  });
  const sourceSlugs = new Set<string>();
  list('sources').forEach((s, i) => {
    if (typeof s.slug !== 'string') return;
    if (sourceSlugs.has(s.slug)) problems.push(`${at(['sources', i, 'slug'])}: sources[${i}].slug: duplicate source '${s.slug}'`);
    sourceSlugs.add(s.slug);
    const field = Array.isArray(s.topics) ? 'topics' : 'topic';
    const refs = Array.isArray(s.topics) ? s.topics : typeof s.topic === 'string' ? [s.topic] : [];
    for (const slug of refs) {
      if (typeof slug === 'string' && !topicSlugs.has(slug)) {
        problems.push(`${at(['sources', i, field])}: sources[${i}] (${s.slug}).${field}: unknown topic '${slug}' (declare it under topics:)`);
      }
    }
  });
  return problems;
}
