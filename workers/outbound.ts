import type { Deps } from '../src/deps.js';
import { createOutboundHttp } from '../src/outbound/http.js';
import { runDeliveries } from '../src/outbound/run.js';
import { processOwner } from '../src/search/owner.js';

/** Every few seconds, send the due outbound deliveries (webhooks, chat, social accounts). */
export function scheduleOutbound(deps: Deps, signal: AbortSignal, intervalMs = 3_000): () => Promise<void> {
  const http = createOutboundHttp({ guard: !deps.config.env.FETCH_ALLOW_PRIVATE });
  const owner = processOwner('outbound');
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const tick = () => {
    if (signal.aborted) return;
    running = runDeliveries({ sqlite: deps.sqlite, http, clock: deps.clock, log: deps.log }, { owner })
      .then(() => undefined)
      .catch((err: unknown) => void deps.log.error({ err, job: 'outbound' }, 'outbound deliveries crashed'))
      .finally(() => {
        running = null;
        if (!signal.aborted) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return async () => {
    if (timer) clearTimeout(timer);
    await running;
    await http.close();
  };
}
