import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { dayOf } from '../../signals/day.js';
import { replay } from '../../signals/replay.js';
import type { ReplaySummary, SourceKey } from '../../signals/replay.js';
import { UsageError } from '../fatal.js';

const USAGE = `usage: vigie signals <subcommand> [options]

subcommands:
  replay --input FILE.jsonl [--top 10] [--from DATE --to DATE] [--source-key source|url-host|url]
      Replays a date-sorted JSONL stream of {"date","title","source","url"?,"id"?} through the
      radar and prints one JSON line per calendar day with that day's suggestions, computed
      from items dated up to the end of that day only. --from/--to limit the days printed
      (earlier input still counts as history). --input - reads stdin. "url" and "id" may be
      null or absent; lines that cannot be used (not JSON, a field missing, an unreadable date, an
      id already read) are skipped with a message naming the line; a summary goes to stderr.
  backtest --from DATE --to DATE [--topic SLUG] [--top 10]
      The replay over the items stored in the database: those of the topic (default: every
      topic, network-wide, as the live radar sees them), through the same engine, fed from 400
      days before --from so the baseline and the long memory are filled, printing the same JSON
      lines as replay for every day from --from to --to.
  run [--top 10]
      Runs the live radar now over the items in the database (the last 63 days), stores today's
      suggestions per topic and network-wide (what the radar worker does nightly) and prints a
      JSON summary.
`;

const SOURCE_KEYS: readonly SourceKey[] = ['source', 'url-host', 'url'];

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h' || sub === 'help') {
    process.stdout.write(USAGE);
    return sub ? 0 : 2;
  }
  if (sub === 'replay') return runReplay(rest);
  if (sub === 'run') return runLive(rest);
  if (sub === 'backtest') return runBacktest(rest);
  throw new UsageError(`unknown subcommand '${sub}'\n\n${USAGE}`);
}

function parseReplayArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        input: { type: 'string', short: 'i' },
        top: { type: 'string', default: '10' },
        from: { type: 'string' },
        to: { type: 'string' },
        'source-key': { type: 'string', default: 'source' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

async function runReplay(args: string[]): Promise<number> {
  const values = parseReplayArgs(args);
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!values.input) throw new UsageError('replay needs --input FILE.jsonl');
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be a positive integer, got '${values.top}'`);
  for (const flag of ['from', 'to'] as const) {
    const v = values[flag];
    if (v !== undefined && dayOf(v) === null) throw new UsageError(`--${flag} must be a date (YYYY-MM-DD), got '${v}'`);
  }
  const sourceKey = values['source-key'] as SourceKey;
  if (!SOURCE_KEYS.includes(sourceKey)) throw new UsageError(`--source-key must be one of ${SOURCE_KEYS.join(', ')}`);

  const input = values.input === '-' ? process.stdin : createReadStream(values.input, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    if (input === process.stdin) resolve();
    else input.once('open', () => resolve()).once('error', reject);
  });
  try {
    await opened;
  } catch (err) {
    process.stderr.write(`vigie signals replay: cannot read ${values.input}: ${(err as Error).message}\n`);
    return 66; // EX_NOINPUT
  }
  const lines = createInterface({ input, crlfDelay: Infinity });
  const options = { top, sourceKey, ...(values.from ? { from: values.from } : {}), ...(values.to ? { to: values.to } : {}) };
  const summary = await replay(
    lines,
    options,
    (day) => process.stdout.write(`${JSON.stringify(day)}\n`),
    (message) => process.stderr.write(`vigie signals replay: ${message}\n`),
  );
  process.stderr.write(`vigie signals replay: ${describeSummary(summary, 'lines')}\n`);
  return 0;
}

function describeSummary(summary: ReplaySummary, unit: 'lines' | 'items'): string {
  const read = unit === 'lines' ? `${summary.read} lines read, ` : '';
  const skipped = unit === 'lines' ? `, ${summary.skipped} skipped${summary.duplicates ? ` (${summary.duplicates} repeated ids)` : ''}` : '';
  const late = summary.late ? `, ${summary.late} out of date order (kept as history)` : '';
  return `${read}${summary.items} items${skipped}${late}; ${summary.days} days printed (${summary.firstDay ?? '-'} to ${summary.lastDay ?? '-'})`;
}

async function runBacktest(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args,
      options: { from: { type: 'string' }, to: { type: 'string' }, topic: { type: 'string' }, top: { type: 'string', default: '10' }, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  for (const flag of ['from', 'to'] as const) {
    const v = values[flag];
    if (v === undefined) throw new UsageError(`backtest needs --${flag} DATE`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || dayOf(v) === null) throw new UsageError(`--${flag} must be a date (YYYY-MM-DD), got '${v}'`);
  }
  if (values.from! > values.to!) throw new UsageError(`--from ${values.from} is after --to ${values.to}`);
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be a positive integer, got '${values.top}'`);
  const { openContext } = await import('../context.js');
  const { backtest } = await import('../../signals/backtest.js');
  const { topicIdOfSlug } = await import('../../db/topics/topic-ids.js');
  const deps = await openContext();
  try {
    let topicId: number | null = null;
    if (values.topic !== undefined) {
      topicId = topicIdOfSlug(deps.sqlite, values.topic);
      if (topicId === null) throw new UsageError(`no topic with slug '${values.topic}'`);
    }
    const summary = await backtest(
      deps.sqlite,
      { from: values.from!, to: values.to!, topicId, top },
      (day) => process.stdout.write(`${JSON.stringify(day)}\n`),
      (message) => process.stderr.write(`vigie signals backtest: ${message}\n`),
    );
    process.stderr.write(`vigie signals backtest: ${describeSummary(summary, 'items')}\n`);
    return 0;
  } finally {
    await deps.close();
  }
}

async function runLive(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({ args, options: { top: { type: 'string', default: '10' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be a positive integer, got '${values.top}'`);
  const { openContext } = await import('../context.js');
  const { runRadar } = await import('../../signals/live.js');
  const deps = await openContext();
  try {
    const started = Date.now();
    const result = await runRadar(deps, undefined, { top });
    process.stdout.write(`${JSON.stringify({ ...result, ms: Date.now() - started })}\n`);
    return 0;
  } finally {
    await deps.close();
  }
}
