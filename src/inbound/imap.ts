/**
 * IMAP polling of an existing mailbox (`IMAP_URL`), for organisations that cannot point MX records at Vigie: unseen
 * messages are routed to newsletter sources by recipient (`<slug>@<INBOUND_DOMAIN>` or plus-addressing
 * `box+<slug>@…`) or by a source's `senders` list, processed like SMTP mail, then flagged \Seen. Messages no source
 * claims are kept raw as `unrouted`. Repeated polls never duplicate (Message-ID per source).
 */
import { ImapFlow } from 'imapflow';
import { keepUnrouted, newsletterSourceFor, newsletterSourcesBySender, receiveForSource, type InboundDeps, type ReceiveOutcome } from './receive.js';

const ADDRESS = /^[A-Za-z0-9._%+'=-]+@(?:[A-Za-z0-9.-]+\.[A-Za-z]{2,}|localhost)$/;

export interface ImapReport {
  mailbox: string;
  seen: number;
  outcomes: ReceiveOutcome['status'][];
  error: string | null;
}

export interface ImapTarget {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
}

export function imapTarget(url: string): ImapTarget {
  const u = new URL(url);
  const secure = u.protocol === 'imaps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

const ROUTING_HEADERS = /^(to|cc|delivered-to|x-original-to|envelope-to|x-forwarded-to)$/i;

/** Recipient and From addresses from the header block (unfolded), without a full MIME parse. */
export function headerAddresses(raw: Buffer): { recipients: string[]; from: string | null } {
  const end = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const head = raw.subarray(0, end >= 0 ? end : Math.min(raw.length, 64 * 1024)).toString('latin1').replace(/\r?\n[ \t]+/g, ' ');
  const recipients: string[] = [];
  let from: string | null = null;
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim();
    // Addresses as whole tokens (an unanchored address regex is quadratic on a long header line).
    const addrs = line
      .slice(i + 1)
      .split(/[\s,;:<>()"[\]]+/)
      .filter((t) => ADDRESS.test(t));
    if (ROUTING_HEADERS.test(name)) recipients.push(...addrs.map((a) => a.toLowerCase()));
    else if (/^from$/i.test(name) && !from) from = addrs[0]?.toLowerCase() ?? null;
  }
  return { recipients: [...new Set(recipients)], from };
}

export async function pollImap(deps: InboundDeps, url: string, opts: { maxMessages?: number; rejectUnauthorized?: boolean } = {}): Promise<ImapReport> {
  const t = imapTarget(url);
  const report: ImapReport = { mailbox: t.mailbox, seen: 0, outcomes: [], error: null };
  const client = new ImapFlow({
    host: t.host,
    port: t.port,
    secure: t.secure,
    auth: { user: t.user, pass: t.pass },
    logger: false,
    tls: { rejectUnauthorized: opts.rejectUnauthorized ?? true },
  });
  client.on('error', (err: unknown) => deps.log.warn({ err, job: 'imap' }, 'IMAP connection error'));
  try {
    await client.connect();
    const lock = await client.getMailboxLock(t.mailbox);
    try {
      const found = await client.search({ seen: false }, { uid: true });
      const uids = (Array.isArray(found) ? found : []).slice(0, opts.maxMessages ?? 200);
      for (const uid of uids) {
        const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (!msg || !msg.source) continue;
        report.seen++;
        const raw = msg.source;
        const { recipients, from } = headerAddresses(raw);
        const incoming = { raw, via: 'imap' as const, envelopeFrom: from, recipients };
        const byAddress = recipients.map((r) => newsletterSourceFor(deps.sqlite, r, deps.domain)).filter((s) => s !== null);
        const sources = byAddress.length ? byAddress : newsletterSourcesBySender(deps.sqlite, from, deps.domain);
        if (!sources.length) {
          report.outcomes.push(keepUnrouted(deps, incoming, `no newsletter source for ${recipients.join(', ') || 'these recipients'} (from ${from ?? 'unknown'})`).status);
        }
        for (const source of new Map(sources.map((s) => [s.id, s])).values()) {
          report.outcomes.push((await receiveForSource(deps, incoming, source, { enforceRate: true })).status);
        }
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      }
    } finally {
      lock.release();
    }
    await client.logout();
  } catch (err) {
    report.error = `IMAP ${t.host}:${t.port}/${t.mailbox}: ${(err as Error).message}`;
    deps.log.warn({ job: 'imap', err }, report.error);
    client.close();
  }
  return report;
}
