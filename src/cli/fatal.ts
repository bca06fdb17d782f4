import { ConfigError } from '../config/errors.js';

/** Prints an error a person can act on (no stack for expected failures) and returns the exit code. */
export function reportFatal(command: string, err: unknown): number {
  if (err instanceof ConfigError) {
    process.stderr.write(`vigie ${command}: ${err.message}\n`);
    return 78; // EX_CONFIG
  }
  if (err instanceof UsageError) {
    process.stderr.write(`vigie ${command}: ${err.message}\n`);
    return 2;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(`vigie ${command}: ${e.message}\n${process.env.VIGIE_DEBUG ? `${e.stack}\n` : ''}`);
  return 1;
}

/** Wrong flags or arguments: exit code 2 with the message. */
export class UsageError extends Error {
  override name = 'UsageError';
}
