/**
 * A progress bar for long commands (cli-progress), drawn only on a terminal: off when stdout is not a TTY (pipes,
 * files, tests) or with --json, so scripted output stays exactly what it was. Cleared when done.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Starts the bar on the first call; `total` may change as work is discovered. */
  update(done: number, total?: number): void;
  stop(): void;
}

const OFF: Progress = { update() {}, stop() {} };

export function progressBar(label: string, opts: { json?: boolean | undefined; stream?: NodeJS.WriteStream } = {}): Progress {
  const stream = opts.stream ?? process.stdout;
  if (opts.json || !stream.isTTY) return OFF;
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} ({percentage}%) {eta_formatted} left`, stream, clearOnComplete: true, hideCursor: true, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total ?? 0, done);
        started = true;
        return;
      }
      if (total !== undefined) bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
