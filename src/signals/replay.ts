import { z } from 'zod';
import { dayOf, isoDay } from './day.js';
import { createRadar } from './radar.js';
import type { RadarItem, RadarOptions, Suggestion } from './types.js';

/**
 * Backtest: reads items sorted by date and, at the end of every calendar day from the first
 * item's day to the last one's, asks the radar (the same engine as the live one) for that day's
 * suggestions, using only what was read so far. `from`/`to` only limit the days emitted.
 */
export type SourceKey = 'source' | 'url-host' | 'url';

export type ReplayOptions = {
  top: number;
  from?: string;
  to?: string;
  sourceKey: SourceKey;
  radar?: RadarOptions;
};

export type ReplaySuggestion = Pick<Suggestion, 'label' | 'terms' | 'score' | 'sources' | 'counts' | 'examples'>;
export type ReplayDay = { date: string; suggestions: ReplaySuggestion[] };
export type ReplaySummary = { items: number; skipped: number; late: number; days: number; firstDay: string | null; lastDay: string | null };

const lineSchema = z.object({
  date: z.string(),
  title: z.string(),
  source: z.string(),
  url: z.string().optional(),
  id: z.string().optional(),
  text: z.string().optional(),
  topics: z.array(z.string()).optional(),
});

/** What counts as one independent source, per `--source-key`. */
export function sourceOf(line: { source: string; url?: string | undefined }, key: SourceKey): string {
  if (key === 'source' || !line.url) return line.source;
  if (key === 'url') return line.url;
  try {
    return new URL(line.url).host;
  } catch {
    return line.source;
  }
}

/**
 * With one source per URL, the addresses under one parent path (a repository owner, a site
 * section) are one publisher for the independence of sources.
 */
export function parentOf(url: string): string {
  try {
    const u = new URL(url);
    const segments = u.pathname.split('/').filter(Boolean);
    return segments.length > 1 ? `${u.host}/${segments.slice(0, -1).join('/')}` : u.host;
  } catch {
    return url;
  }
}

function toReplay(s: Suggestion): ReplaySuggestion {
  const examples = s.examples.map(({ id: _id, ...e }) => e);
  return { label: s.label, terms: s.terms, score: s.score, sources: s.sources, counts: s.counts, examples };
}

export async function replay(
  lines: AsyncIterable<string>,
  options: ReplayOptions,
  emit: (day: ReplayDay) => void,
  warn: (message: string) => void = () => {},
): Promise<ReplaySummary> {
  const radar = createRadar({ ...(options.sourceKey === 'url' ? { voiceOf: parentOf } : {}), ...options.radar });
  const from = options.from ? dayOf(options.from) : null;
  const to = options.to ? dayOf(options.to) : null;
  const summary: ReplaySummary = { items: 0, skipped: 0, late: 0, days: 0, firstDay: null, lastDay: null };
  let current: number | null = null;
  const closeDay = (day: number): void => {
    const iso = isoDay(day);
    if ((from !== null && day < from) || (to !== null && day > to)) {
      radar.advance(iso);
      return;
    }
    emit({ date: iso, suggestions: radar.suggest(iso, { top: options.top }).map(toReplay) });
    summary.days++;
  };
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo++;
    if (!raw.trim()) continue;
    let parsed: z.infer<typeof lineSchema>;
    try {
      const result = lineSchema.safeParse(JSON.parse(raw));
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? 'invalid');
      parsed = result.data;
    } catch (err) {
      summary.skipped++;
      if (summary.skipped <= 5) warn(`line ${lineNo}: skipped (${err instanceof Error ? err.message : String(err)})`);
      continue;
    }
    const day = dayOf(parsed.date);
    if (day === null) {
      summary.skipped++;
      if (summary.skipped <= 5) warn(`line ${lineNo}: skipped (unreadable date ${JSON.stringify(parsed.date)})`);
      continue;
    }
    if (current === null) {
      current = day;
      summary.firstDay = isoDay(day);
    }
    // Close every day before this item's: they are final, since the input is sorted.
    while (current < day) closeDay(current++);
    if (day < current) summary.late++;
    const item: RadarItem = { date: parsed.date, title: parsed.title, source: sourceOf(parsed, options.sourceKey) };
    if (parsed.url) item.url = parsed.url;
    if (parsed.id) item.id = parsed.id;
    if (parsed.text) item.text = parsed.text;
    if (parsed.topics) item.topics = parsed.topics;
    radar.addItem(item);
    summary.items++;
  }
  if (current !== null) {
    closeDay(current);
    summary.lastDay = isoDay(current);
  }
  return summary;
}
