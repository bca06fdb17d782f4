import type { Deps } from '../src/deps.js';
import { scheduleDigests } from './digests.js';
import { scheduleFetch } from './fetch.js';
import { scheduleInbound } from './inbound.js';
import { scheduleIndexSync } from './index-sync.js';
import { scheduleOutbound } from './outbound.js';
import { scheduleRadar } from './radar.js';

/** Starts every worker schedule; the returned function stops them and waits for work in flight. */
export function startWorkers(deps: Deps): () => Promise<void> {
  const controller = new AbortController();
  const workers = {
    fetch: scheduleFetch(deps, controller.signal),
    'index-sync': scheduleIndexSync(deps, controller.signal),
    inbound: scheduleInbound(deps),
    radar: scheduleRadar(deps),
    digests: scheduleDigests(deps, controller.signal),
    outbound: scheduleOutbound(deps, controller.signal),
  };
  const stops = Object.values(workers);
  deps.log.info({ workers: Object.keys(workers) }, 'workers started');
  return async () => {
    controller.abort();
    await Promise.all(stops.map((stop) => stop()));
  };
}
