/**
 * Flood limits of the SMTP receiver that do not trust the claimed MAIL FROM: messages accepted per (newsletter
 * source, client address) in the last hour, kept in memory by the receiver process (a restart forgives, which is
 * acceptable for slowing a flood). The per-sender and per-source counts come from the stored mail (receive.ts).
 */
import type { Clock } from '../lib/clock.js';

const HOUR = 3_600_000;
/** Beyond this many tracked (source, address) pairs, expired ones are swept before adding more. */
const MAX_KEYS = 10_000;

export interface FloodGuard {
  /** Messages accepted for `sourceId` from `address` in the last hour. */
  recent(sourceId: number, address: string): number;
  /** Counts one accepted message. */
  record(sourceId: number, address: string): void;
}

export function createFloodGuard(clock: Clock): FloodGuard {
  const seen = new Map<string, number[]>();
  const key = (sourceId: number, address: string) => `${sourceId}|${address}`;
  const live = (k: string, now: number) => {
    const times = (seen.get(k) ?? []).filter((t) => t > now - HOUR);
    if (times.length) seen.set(k, times);
    else seen.delete(k);
    return times;
  };
  return {
    recent: (sourceId, address) => live(key(sourceId, address), clock.now()).length,
    record(sourceId, address) {
      const now = clock.now();
      if (seen.size >= MAX_KEYS) for (const k of [...seen.keys()]) live(k, now);
      const k = key(sourceId, address);
      seen.set(k, [...live(k, now), now]);
    },
  };
}
