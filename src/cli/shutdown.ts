import type { Logger } from '../lib/log.js';

/** Waits for SIGINT/SIGTERM, runs `cleanup` once, resolves with exit code 0 (a second signal exits at once). */
export function onShutdown(log: Logger, cleanup: () => Promise<void>): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const handler = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(130);
      stopping = true;
      log.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 15_000);
      force.unref();
      cleanup()
        .catch((err: unknown) => log.error({ err }, 'error during shutdown'))
        .finally(() => resolve(0));
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}
