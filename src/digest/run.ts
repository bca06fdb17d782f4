/**
 * One digest run: claim the run lease, resume what an interrupted run left, build the due digests, send them.
 * The same function runs from the cron worker, `vigie digest run [--now]` and the tests.
 */
import { leaseHolder } from '../db/jobs/leases.js';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config/index.js';
import type { Sqlite } from '../db/client.js';
import { hasPendingDeliveries } from '../db/digests/deliveries.js';
import { finishRun, startRun } from '../db/digests/runs.js';
import { anySubscriptionDue } from '../db/digests/subscriptions.js';
import type { I18n } from '../lib/i18n.js';
import type { Leases } from '../jobs/lease.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import type { SearchService } from '../search/service.js';
import { buildDueDigests, type BuildReport } from './build.js';
import { deliverPending, type DeliverReport } from './deliver.js';
import { createSelector } from './select.js';
import { createDigestTransport, type DigestTransport } from './smtp.js';

export interface DigestDeps {
  config: Config;
  sqlite: Sqlite;
  log: Logger;
  clock: Clock;
  leases: Leases;
  search: Pick<SearchService, 'search'>;
  /** The interface language for e-mails (the composition root passes web/i18n's). */
  i18n: I18n;
}

export interface RunOptions {
  /** Treat every active subscription as due now. */
  now?: boolean;
  /** A transport to use (tests); default: one built from SMTP_URL, or none (web and feeds only). */
  transport?: DigestTransport | null;
  smtpTimeoutMs?: number;
  maxAttempts?: number;
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export type RunReport =
  | { ran: false; reason: 'busy' | 'idle' }
  | ({ ran: true; runId: number; mail: boolean } & Omit<BuildReport, 'paused'> & { paused: number } & DeliverReport);

export const RUN_LEASE = 'digest:run';
const LEASE_TTL_MS = 2 * 60_000;

function hasWork(sqlite: Sqlite, now: number): boolean {
  return anySubscriptionDue(sqlite, now) || hasPendingDeliveries(sqlite);
}

const currentHolder = (sqlite: Sqlite) => leaseHolder(sqlite, RUN_LEASE);

/** The lease holder ran on this host and its process is gone (owner = host:pid:nonce). */
function holderIsDead(sqlite: Sqlite): boolean {
  const [host, pid] = (currentHolder(sqlite) ?? '').split(':');
  if (host !== hostname() || !pid || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export async function runDigests(deps: DigestDeps, o: RunOptions = {}): Promise<RunReport> {
  const { sqlite, clock, log, config } = deps;
  // The worker ticks every minute: most ticks find nothing due and write nothing.
  if (!o.now && !hasWork(sqlite, clock.now())) return { ran: false, reason: 'idle' };
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  if (!deps.leases.claim(RUN_LEASE, owner, LEASE_TTL_MS, clock.now())) {
    // A run killed on this host leaves its lease behind: take it over at once rather than after the TTL.
    if (!holderIsDead(sqlite) || (deps.leases.release(RUN_LEASE, currentHolder(sqlite) ?? ''), !deps.leases.claim(RUN_LEASE, owner, LEASE_TTL_MS, clock.now()))) {
      return { ran: false, reason: 'busy' };
    }
    log.warn({ job: 'digests' }, 'digest: resuming after an interrupted run');
  }
  const env = config.env;
  const transport = o.transport !== undefined ? o.transport : env.SMTP_URL ? createDigestTransport({ smtpUrl: env.SMTP_URL, from: env.SMTP_FROM, timeoutMs: o.smtpTimeoutMs }) : null;
  const ownTransport = o.transport === undefined && transport !== null;
  const started = clock.now();
  const runId = startRun(sqlite, owner, o.now ? 'now' : 'schedule', started);
  try {
    const built = await buildDueDigests(sqlite, createSelector({ sqlite, search: deps.search, publicRead: config.publicRead }), {
      runId,
      now: started,
      all: o.now === true,
      mail: transport !== null,
      host: new URL(config.publicUrl).hostname || 'localhost',
    });
    let delivered: DeliverReport = { sent: 0, failed: 0, resent: 0, bounced: 0 };
    if (transport) {
      for (const p of built.paused) await tellMember(transport, deps.i18n, config.publicUrl, p.sub, p.reason);
      delivered = await deliverPending(
        {
          sqlite,
          log,
          now: () => clock.now(),
          publicUrl: config.publicUrl,
          transport,
          i18n: deps.i18n,
          sleep: o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
          heartbeat: () => void deps.leases.renew(RUN_LEASE, owner, LEASE_TTL_MS, clock.now()),
        },
        { maxAttempts: o.maxAttempts ?? 4, backoffMs: o.backoffMs ?? 30_000 },
      );
    }
    finishRun(sqlite, runId, { built: built.built, sent: delivered.sent, failed: delivered.failed }, clock.now());
    const report = { ran: true as const, runId, mail: transport !== null, built: built.built, empty: built.empty, paused: built.paused.length, ...delivered };
    log.info({ job: 'digests', ...report }, 'digest run done');
    return report;
  } finally {
    if (ownTransport) transport!.close();
    deps.leases.release(RUN_LEASE, owner);
  }
}

/** A short notice when a subscription is paused because its target is gone (also shown on the digests screen). */
async function tellMember(transport: DigestTransport, i18n: I18n, publicUrl: string, sub: { id: number; email: string; lang: 'fr' | 'en'; label: string }, reason: string): Promise<void> {
  const t = i18n.translator(sub.lang);
  const host = new URL(publicUrl).hostname || 'localhost';
  const text = `${t('digest.paused.body', { label: sub.label, reason })}\n\n${t('digest.manage')}: ${publicUrl}/digests\n`;
  await transport.send({
    to: sub.email,
    subject: t('digest.paused.subject', { label: sub.label }),
    text,
    html: `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>')}</p>`,
    messageId: `<digest-paused.${sub.id}.${randomBytes(6).toString('hex')}@${host}>`,
    date: new Date(),
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
}
