import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { dayOf } from '../../signals/day.js';
import { replay } from '../../signals/replay.js';
import type { SourceKey } from '../../signals/replay.js';
import { UsageError } from '../fatal.js';

const USAGE = `usage: vigie signals <subcommand> [options]

subcommands:
  replay --input FILE.jsonl [--top 10] [--from DATE --to DATE] [--source-key source|url-host|url]
      Replays a date-sorted JSONL stream of {"date","title","source","url"?,"id"?} through the
      radar and prints one JSON line per calendar day with that day's suggestions, computed
      from items dated up to the end of that day only. --from/--to limit the days printed
      (earlier input still counts as history). --input - reads stdin.
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
  process.stderr.write(
    `vigie signals replay: ${summary.items} items, ${summary.days} days printed (${summary.firstDay ?? '-'} to ${summary.lastDay ?? '-'})` +
      `${summary.skipped ? `, ${summary.skipped} lines skipped` : ''}${summary.late ? `, ${summary.late} items out of date order` : ''}\n`,
  );
  return 0;
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
