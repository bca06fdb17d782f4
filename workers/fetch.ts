import cron from 'node-cron';
import { runFetchCycle, type CycleDeps } from '../src/ingest/cycle.js';

/** Every minute (and once at start), fetch the sources that are due. A cycle never overlaps the previous one. */
export function scheduleFetch(deps: CycleDeps, signal: AbortSignal): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running || signal.aborted) return;
    running = runFetchCycle(deps, { signal })
      .catch((err: unknown) => deps.log.error({ err, job: 'fetch' }, 'fetch cycle failed'))
      .finally(() => (running = null));
  };
  const task = cron.schedule('* * * * *', tick, { name: 'fetch', noOverlap: true });
  tick();
  return async () => {
    await task.stop();
    await running;
  };
}
