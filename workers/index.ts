import type { Deps } from '../src/deps.js';
import { scheduleDigests } from './digests.js';
import { scheduleFetch } from './fetch.js';
import { scheduleInbound } from './inbound.js';
import { scheduleIndexSync } from './index-sync.js';
import { scheduleRadar } from './radar.js';

/** Starts every worker schedule; the returned function stops them and waits for work in flight. */
export function startWorkers(deps: Deps): () => Promise<void> {
  const controller = new AbortController();
  const stops = [scheduleFetch(deps, controller.signal), scheduleIndexSync(deps, controller.signal), scheduleInbound(deps), scheduleRadar(deps), scheduleDigests(deps, controller.signal)];
  deps.log.info({ workers: ['fetch', 'index-sync', 'inbound', 'digests'] }, 'workers started');
  return async () => {
    controller.abort();
    await Promise.all(stops.map((stop) => stop()));
  };
}
