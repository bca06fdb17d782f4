import cron from 'node-cron';
import type { Deps } from '../src/deps.js';
import { createLiveRadar, runRadar } from '../src/signals/live.js';

/**
 * The radar nightly (RADAR_CRON, default 04:10), and at start so a fresh install has today's
 * suggestions. The engine stays in memory between runs: each run only feeds the new items.
 * `vigie signals run` does the same on demand (rebuilding from the database).
 */
export function scheduleRadar(deps: Deps, when = '10 4 * * *'): () => Promise<void> {
  const live = createLiveRadar();
  const tick = () => {
    if (!deps.leases.claim('radar', `worker-${process.pid}`, 30 * 60_000, deps.clock.now())) return;
    try {
      runRadar(deps, live);
    } catch (err) {
      deps.log.error({ err, job: 'radar' }, 'radar run failed');
    } finally {
      deps.leases.release('radar', `worker-${process.pid}`);
    }
  };
  const task = cron.schedule(when, tick, { name: 'radar', noOverlap: true, timezone: deps.config.env.VIGIE_TIMEZONE });
  const first = setTimeout(tick, 5_000);
  return async () => {
    clearTimeout(first);
    await task.stop();
  };
}
