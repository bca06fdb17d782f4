import { z } from 'zod';
import { dayOf, isoDay } from './day.js';
import { createRadar } from './radar.js';
import type { Example, RadarItem, RadarOptions, Suggestion } from './types.js';

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
  /** Print every day from `from` to `to`, with or without items (the backtest over stored items). */
  fill?: boolean;
};

export type ReplaySuggestion = Pick<Suggestion, 'label' | 'terms' | 'score' | 'sources' | 'counts' | 'expected' | 'items' | 'expectedItems' | 'firstSeen' | 'examples' | 'why'>;
export type ReplayDay = { date: string; suggestions: ReplaySuggestion[] };
export type ReplaySummary = {
  /** Non-blank input lines read. */
  read: number;
  items: number;
  /** Lines refused (unreadable JSON, a missing field, an unreadable date, a repeated id). */
  skipped: number;
  duplicates: number;
  /** Items dated before a day already printed: kept as history for the days after. */
  late: number;
  /** Days printed, and the first and last of them. */
  days: number;
  firstDay: string | null;
  lastDay: string | null;
};

// `url` and `id` may be null or absent (a headline without a link); the rest is required.
const lineSchema = z.object({
  date: z.string().min(1),
  title: z.string(),
  source: z.string().min(1),
  url: z.string().nullish(),
  id: z.union([z.string(), z.number()]).nullish(),
  text: z.string().nullish(),
  topics: z.array(z.string()).nullish(),
});

/** Warnings printed one by one before they are only counted in the summary. */
export const MAX_WARNINGS = 20;

/** What counts as one independent source, per `--source-key`. */
export function sourceOf(line: { source: string; url?: string | null | undefined }, key: SourceKey): string {
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
  const strip = ({ id: _id, ...e }: Example): Example => e;
  return {
    label: s.label, terms: s.terms, score: s.score, sources: s.sources, counts: s.counts, expected: s.expected,
    items: s.items, expectedItems: s.expectedItems, firstSeen: strip(s.firstSeen), examples: s.examples.map(strip), why: s.why,
  };
}

/** An item with where it came from, for messages ("line 12", "item 345"). */
export type PlacedItem = { item: RadarItem; where: string };

/**
 * The day loop shared by `replay` (JSONL) and `backtest` (stored items): items in date order; at
 * the end of every calendar day from the first item's to the last one's, the radar answers for
 * that day from what it was given so far. An item dated before a day already answered is kept as
 * history for the days after, and reported.
 */
export async function replayItems(
  items: AsyncIterable<PlacedItem>,
  options: ReplayOptions,
  emit: (day: ReplayDay) => void,
  warn: (message: string) => void = () => {},
  summary: ReplaySummary = emptySummary(),
): Promise<ReplaySummary> {
  const radar = createRadar({ ...(options.sourceKey === 'url' ? { voiceOf: parentOf } : {}), ...options.radar });
  const from = options.from ? dayOf(options.from) : null;
  const to = options.to ? dayOf(options.to) : null;
  let current: number | null = null;
  let warnings = 0;
  const note = (message: string): void => {
    if (++warnings <= MAX_WARNINGS) warn(message);
  };
  const closeDay = (day: number): void => {
    const iso = isoDay(day);
    // Asked every day, printed or not: the radar's long memory is written as it answers.
    const suggestions = radar.suggest(iso, { top: options.top });
    if ((from !== null && day < from) || (to !== null && day > to)) return;
    emit({ date: iso, suggestions: suggestions.map(toReplay) });
    summary.days++;
    summary.firstDay ??= iso;
    summary.lastDay = iso;
  };
  for await (const { item, where } of items) {
    const day = dayOf(item.date)!;
    if (current === null) current = options.fill && from !== null ? Math.min(day, from) : day;
    // Close every day before this item's: they are final, since the input is sorted.
    while (current < day) closeDay(current++);
    if (day < current) {
      summary.late++;
      note(`${where}: dated ${item.date}, before ${isoDay(current)} already printed; kept as history for the days after`);
    }
    radar.addItem(item);
    summary.items++;
  }
  if (current === null && options.fill && from !== null) current = from;
  if (current !== null) {
    if (options.fill && to !== null) while (current < to) closeDay(current++);
    closeDay(current);
  }
  if (warnings > MAX_WARNINGS) warn(`${warnings - MAX_WARNINGS} more warnings not shown`);
  return summary;
}

export function emptySummary(): ReplaySummary {
  return { read: 0, items: 0, skipped: 0, duplicates: 0, late: 0, days: 0, firstDay: null, lastDay: null };
}

/**
 * Replays a JSONL stream (one {"date","title","source","url"?,"id"?} object a line). A line that
 * cannot be used is skipped with a message naming it: not JSON, a required field missing or of the
 * wrong type, a date that is not a date, an id already read.
 */
export async function replay(
  lines: AsyncIterable<string>,
  options: ReplayOptions,
  emit: (day: ReplayDay) => void,
  warn: (message: string) => void = () => {},
): Promise<ReplaySummary> {
  const summary = emptySummary();
  let shown = 0;
  const skip = (lineNo: number, why: string): void => {
    summary.skipped++;
    if (++shown <= MAX_WARNINGS) warn(`line ${lineNo}: skipped (${why})`);
  };
  async function* parsed(): AsyncIterable<PlacedItem> {
    const ids = new Map<string, number>();
    let lineNo = 0;
    for await (const raw of lines) {
      lineNo++;
      if (!raw.trim()) continue;
      summary.read++;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        skip(lineNo, 'not a JSON object');
        continue;
      }
      const result = lineSchema.safeParse(json);
      if (!result.success) {
        const issue = result.error.issues[0]!;
        const field = issue.path.join('.') || 'line';
        skip(lineNo, `${field}: ${issue.message.toLowerCase()}`);
        continue;
      }
      const line = result.data;
      if (dayOf(line.date) === null) {
        skip(lineNo, `unreadable date ${JSON.stringify(line.date)}`);
        continue;
      }
      const id = line.id === null || line.id === undefined ? null : String(line.id);
      if (id !== null) {
        const first = ids.get(id);
        if (first !== undefined) {
          summary.duplicates++;
          skip(lineNo, `id ${JSON.stringify(id)} already read on line ${first}`);
          continue;
        }
        ids.set(id, lineNo);
      }
      const item: RadarItem = { date: line.date, title: line.title, source: sourceOf(line, options.sourceKey) };
      if (line.url) item.url = line.url;
      if (id !== null) item.id = id;
      if (line.text) item.text = line.text;
      if (line.topics) item.topics = line.topics;
      yield { item, where: `line ${lineNo}` };
    }
  }
  await replayItems(parsed(), options, emit, warn, summary);
  if (shown > MAX_WARNINGS) warn(`${shown - MAX_WARNINGS} more skipped lines not shown`);
  return summary;
}
