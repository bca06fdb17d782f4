/**
 * JSON APIs of social networks as fetch results: HTTP failures keep the fetcher's sentence (rate limits carry
 * Retry-After), a body that is not the documented shape is an `api_changed` failure naming the field, never a crash.
 */
import type { z } from 'zod';
import type { AdapterDeps, CollectResult, SourceRecord } from './types.js';

export type Failure = Extract<CollectResult, { ok: false }>;
export type JsonResult<T> = { ok: true; data: T; status: number; bytes: number; maxAgeMs: number | null } | Failure;

export async function fetchJson<S extends z.ZodType>(
  deps: AdapterDeps,
  source: SourceRecord,
  url: string,
  schema: S,
  what: string,
): Promise<JsonResult<z.output<S>>> {
  const res = await deps.fetch({ url, guard: source.origin === 'app', accept: 'application/json' });
  if (!res.ok) {
    const kind = res.status === 404 || res.status === 410 ? 'not_found' : res.kind;
    const detail = res.status === 404 || res.status === 410 ? `${what} not found (HTTP ${res.status} from ${new URL(url).host})` : `${what}: ${res.detail}`;
    return { ok: false, kind, detail, httpStatus: res.status, retryAfterMs: res.retryAfterMs };
  }
  if (res.notModified) return { ok: false, kind: 'api_changed', detail: `${what}: unexpected 304 answer from ${url}` };
  let json: unknown;
  try {
    json = JSON.parse(res.body.toString('utf8'));
  } catch {
    return { ok: false, kind: 'api_changed', detail: `${what}: the API did not answer JSON (${url}); has it changed?`, httpStatus: res.status };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue ? `${issue.path.join('.') || '(top level)'}: ${issue.message}` : 'unexpected shape';
    return { ok: false, kind: 'api_changed', detail: `${what}: the API's answer is not in the expected shape (${at}); has it changed?`, httpStatus: res.status };
  }
  return { ok: true, data: parsed.data, status: res.status, bytes: res.body.length, maxAgeMs: res.maxAgeMs };
}

/** A CollectResult for entries gathered from an API (no conditional GET on these endpoints). */
export function collected(
  feed: Extract<CollectResult, { notModified: false }>['feed'],
  meta: { status: number; bytes: number; maxAgeMs: number | null },
  warnings: string[] = [],
): CollectResult {
  return { ok: true, notModified: false, feed, etag: null, lastModified: null, httpStatus: meta.status, bytes: meta.bytes, maxAgeMs: meta.maxAgeMs, warnings };
}
