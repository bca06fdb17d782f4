/**
 * The outbound worker's one job: claim due deliveries under a short lease, send each in its target's protocol,
 * record what the target answered. Retries back off exponentially (or wait what the target's Retry-After says);
 * a delivery refused for good, or retried too often, fails; a channel whose deliveries fail repeatedly is disabled
 * with the reason shown to its curators. A worker that dies mid-run leaves its claims to expire: the next run sends
 * them (with the same idempotency key, transaction id or record key, so the target sees one message).
 */
import type { Sqlite } from '../db/client.js';
import { countChannelFailure, getChannel, resetChannelFailures, setChannelEnabled } from '../db/outbound/channels.js';
import { cancelPending, claimDueDeliveries, deliveredRemoteId, markAttemptFailed, markDelivered, stillOurs } from '../db/outbound/deliveries.js';
import type { Logger } from '../lib/log.js';
import type { OutboundHttp } from './http.js';
import { TARGETS } from './targets.js';

export const MAX_ATTEMPTS = 8;
export const DISABLE_AFTER = 5;
const LEASE_MS = 60_000;

export interface OutboundDeps {
  sqlite: Sqlite;
  http: OutboundHttp;
  clock: { now(): number };
  log: Logger;
}

export const backoffMs = (attempts: number) => Math.min(6 * 3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));

export async function runDeliveries(deps: OutboundDeps, o: { owner: string; limit?: number }): Promise<{ delivered: number; failed: number; retrying: number }> {
  const report = { delivered: 0, failed: 0, retrying: 0 };
  const now = deps.clock.now();
  // Withdrawals first: an approval withdrawn in the same batch is then cancelled rather than posted and deleted.
  const batch = claimDueDeliveries(deps.sqlite, o.owner, now, now + LEASE_MS, o.limit ?? 50).sort((a, b) => Number(b.event === 'item.unpublished') - Number(a.event === 'item.unpublished'));
  for (const d of batch) {
    if (!stillOurs(deps.sqlite, d.id, o.owner)) continue;
    const channel = getChannel(deps.sqlite, d.channelId);
    if (!channel || !channel.enabled) {
      markAttemptFailed(deps.sqlite, d.id, o.owner, { response: channel ? `channel disabled: ${channel.disabledReason ?? ''}` : 'channel removed', retryAt: null });
      report.failed++;
      continue;
    }
    const at = deps.clock.now();
    const result = await TARGETS[channel.kind](channel, d, {
      http: deps.http,
      now: at,
      remoteIdOf: (key) => deliveredRemoteId(deps.sqlite, channel.id, key),
      cancel: (key) => cancelPending(deps.sqlite, channel.id, key, o.owner, at),
    }).catch((err: unknown) => ({ ok: false as const, response: `internal error: ${(err as Error).message}` }));
    const done = deps.clock.now();
    if (result.ok) {
      markDelivered(deps.sqlite, d.id, o.owner, { response: result.response, remoteId: result.remoteId, now: done });
      resetChannelFailures(deps.sqlite, channel.id);
      report.delivered++;
      continue;
    }
    const attempts = d.attempts + 1;
    const giveUp = ('permanent' in result && result.permanent) || attempts >= MAX_ATTEMPTS;
    const retryAt = giveUp ? null : done + ('retryAfterMs' in result && result.retryAfterMs !== undefined ? result.retryAfterMs : backoffMs(attempts));
    markAttemptFailed(deps.sqlite, d.id, o.owner, { response: result.response, retryAt });
    deps.log.warn({ job: 'outbound', channelId: channel.id, deliveryId: d.id, attempts, giveUp, response: result.response }, 'delivery failed');
    if (giveUp) {
      report.failed++;
      if (countChannelFailure(deps.sqlite, channel.id, done) >= DISABLE_AFTER) {
        setChannelEnabled(deps.sqlite, channel.id, false, `${DISABLE_AFTER} deliveries failed in a row; the last answer: ${result.response}`, done);
      }
    } else report.retrying++;
  }
  return report;
}
