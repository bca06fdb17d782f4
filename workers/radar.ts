import cron from 'node-cron';
import type { Deps } from '../src/deps.js';
import { createLiveRadar, runRadar } from '../src/signals/live.js';

/**
 * The radar nightly (04:10 in VIGIE_TIMEZONE), and soon after start so a fresh install has
 * today's suggestions. The engine stays in memory between runs: each run only feeds the new
 * items. `vigie signals run` does the same on demand (rebuilding from the database).
 */
export function scheduleRadar(deps: Deps, when = '10 4 * * *'): () => Promise<void> {
  const live = createLiveRadar();
  const owner = `radar-${process.pid}`;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running || !deps.leases.claim('radar', owner, 30 * 60_000, deps.clock.now())) return;
    running = runRadar(deps, live)
      .catch((err: unknown) => deps.log.error({ err, job: 'radar' }, 'radar run failed'))
      .finally(() => {
        deps.leases.release('radar', owner);
        running = null;
      });
  };
  const task = cron.schedule(when, tick, { name: 'radar', noOverlap: true, timezone: deps.config.env.VIGIE_TIMEZONE });
  const first = setTimeout(tick, 5_000);
  first.unref();
  return async () => {
    clearTimeout(first);
    await task.stop();
    await running;
  };
}
