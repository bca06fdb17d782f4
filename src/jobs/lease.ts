/**
 * Work claimed by lease: a row per key in `leases` (src/db/jobs/leases.ts). A claim succeeds when no live lease exists
 * (or the owner is us); a crashed holder's lease simply expires and the work is picked up again.
 */
export interface Leases {
  claim(key: string, owner: string, ttlMs: number, now: number): boolean;
  renew(key: string, owner: string, ttlMs: number, now: number): boolean;
  release(key: string, owner: string): void;
}
