/**
 * Starts what receives newsletters: the SMTP receiver when SMTP_INBOUND_PORT is set, the IMAP poller when IMAP_URL
 * is set (one poll at a time, every IMAP_POLL_SECONDS). Returns a function that stops both.
 */
import type { Config } from '../config/index.js';
import type { Sqlite } from '../db/client.js';
import type { ItemStore } from '../db/items/store.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import { pollImap } from './imap.js';
import type { InboundDeps } from './receive.js';
import { startSmtpReceiver, type SmtpReceiver } from './smtp.js';

export interface StartInboundDeps {
  config: Config;
  sqlite: Sqlite;
  store: ItemStore;
  clock: Clock;
  log: Logger;
}

export function inboundDepsOf(deps: StartInboundDeps): InboundDeps {
  return { sqlite: deps.sqlite, store: deps.store, clock: deps.clock, log: deps.log, domain: deps.config.env.INBOUND_DOMAIN };
}

export async function startInbound(deps: StartInboundDeps): Promise<{ smtpPort: number | null; stop: () => Promise<void> }> {
  const env = deps.config.env;
  const inbound = inboundDepsOf(deps);
  let smtp: SmtpReceiver | null = null;
  if (env.SMTP_INBOUND_PORT > 0) {
    smtp = await startSmtpReceiver(inbound, { host: env.SMTP_INBOUND_HOST ?? env.HOST, port: env.SMTP_INBOUND_PORT, maxBytes: env.INBOUND_MAX_BYTES });
  }
  let timer: NodeJS.Timeout | null = null;
  let polling: Promise<unknown> | null = null;
  const imapUrl = env.IMAP_URL;
  if (imapUrl) {
    const tick = () => {
      if (polling) return;
      polling = pollImap(inbound, imapUrl)
        .then((r) => r.seen && deps.log.info({ job: 'imap', seen: r.seen, outcomes: r.outcomes }, 'IMAP mailbox polled'))
        .finally(() => (polling = null));
    };
    timer = setInterval(tick, env.IMAP_POLL_SECONDS * 1000);
    tick();
  }
  return {
    smtpPort: smtp?.port ?? null,
    async stop() {
      if (timer) clearInterval(timer);
      await polling;
      await smtp?.close();
    },
  };
}
