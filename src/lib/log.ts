import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured logs on stderr (stdout is for command results). LOG_LEVEL picks the level. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'vigie' } }, pino.destination({ fd: 2, sync: true }));
}

/** A logger that drops everything, for tests and quiet commands. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
