import { createOutboxDrain, type DrainDeps } from '../src/search/outbox.js';
import { processOwner } from '../src/search/owner.js';

/** Four times a second, send the outbox to Meilisearch; when it does not answer, back off up to 30 s (nothing is lost). */
export function scheduleIndexSync(deps: DrainDeps, signal: AbortSignal, intervalMs = 250): () => Promise<void> {
  const drainer = createOutboxDrain(deps);
  const owner = processOwner('index-sync');
  let failures = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const tick = () => {
    if (signal.aborted) return;
    running = drainer
      .drain({ owner })
      .then((r) => {
        if (r.error) deps.log.warn({ job: 'index-sync', err: r.error, failures: ++failures }, 'index sync failed; will retry');
        else failures = 0;
      })
      .catch((err: unknown) => void deps.log.error({ err, job: 'index-sync' }, 'index sync crashed'))
      .finally(() => {
        running = null;
        if (!signal.aborted) timer = setTimeout(tick, failures ? Math.min(30_000, intervalMs * 2 ** failures) : intervalMs);
      });
  };
  tick();
  return async () => {
    if (timer) clearTimeout(timer);
    await running;
  };
}
