import type { Deps } from '../src/deps.js';
import { startInbound } from '../src/inbound/index.js';

/** Newsletters: the SMTP receiver and/or the IMAP poller (each off unless configured). */
export function scheduleInbound(deps: Deps): () => Promise<void> {
  const started = startInbound(deps).catch((err: unknown) => {
    deps.log.error({ err, job: 'inbound' }, 'newsletter receiver failed to start');
    return null;
  });
  return async () => {
    const s = await started;
    await s?.stop();
  };
}
