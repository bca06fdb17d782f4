import type { Leases } from '../../jobs/lease.js';
import type { Sqlite } from '../client.js';

/** The `leases` table behind `Leases`: statements prepared once per connection. */
export function createLeases(sqlite: Sqlite): Leases {
  const claim = sqlite.prepare(
    `INSERT INTO leases (key, owner, claimed_until) VALUES (@key, @owner, @until)
     ON CONFLICT(key) DO UPDATE SET owner = excluded.owner, claimed_until = excluded.claimed_until
     WHERE leases.claimed_until < @now OR leases.owner = excluded.owner`,
  );
  const renew = sqlite.prepare(`UPDATE leases SET claimed_until = @until WHERE key = @key AND owner = @owner`);
  const release = sqlite.prepare(`DELETE FROM leases WHERE key = ? AND owner = ?`);
  return {
    claim: (key, owner, ttlMs, now) => claim.run({ key, owner, until: now + ttlMs, now }).changes === 1,
    renew: (key, owner, ttlMs, now) => renew.run({ key, owner, until: now + ttlMs }).changes === 1,
    release: (key, owner) => void release.run(key, owner),
  };
}

/** Who holds the lease on `key` now (whether or not it expired), or null. */
export function leaseHolder(sqlite: Sqlite, key: string): string | null {
  return (sqlite.prepare(`SELECT owner FROM leases WHERE key = ?`).pluck().get(key) as string | undefined) ?? null;
}
