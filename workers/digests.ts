import cron from 'node-cron';
import { runDigests, type DigestDeps } from '../src/digest/run.js';

/** Every minute, build and send the digests that are due (claimed by lease, so two workers never both send). */
export function scheduleDigests(deps: DigestDeps, signal: AbortSignal): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running || signal.aborted) return;
    running = runDigests(deps)
      .catch((err: unknown) => deps.log.error({ err, job: 'digests' }, 'digest run failed'))
      .finally(() => (running = null));
  };
  const task = cron.schedule('* * * * *', tick, { name: 'digests', noOverlap: true });
  return async () => {
    await task.stop();
    await running;
  };
}
