/**
 * The built-in SMTP receiver for newsletters (`SMTP_INBOUND_PORT`). It accepts mail only for known newsletter
 * addresses (`<slug>@<INBOUND_DOMAIN>`: others get 550 at RCPT), refuses oversized mail (SIZE, 552: a DATA larger
 * than the cap is read to its end but not kept past the cap, so memory stays bounded whatever is sent), defers a
 * flood (451 at RCPT: per claimed sender, per client address and per source), and stores the item before answering the end of DATA: once the sender's SMTP
 * transaction ends with 250, the item exists. SPF/DKIM are not evaluated (mail often arrives through forwarders).
 */
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createFloodGuard } from './flood.js';
import { floodReason, newsletterSourceFor, receiveForSource, type InboundDeps } from './receive.js';

export interface SmtpReceiverOptions {
  host: string;
  port: number;
  maxBytes: number;
  /** Name announced in the greeting. */
  name?: string;
}

export interface SmtpReceiver {
  port: number;
  /** The most message bytes held in memory at once since the start (bounded by the size cap). */
  peakBufferedBytes(): number;
  close(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpReceiver(deps: InboundDeps, opts: SmtpReceiverOptions): Promise<SmtpReceiver> {
  const flood = createFloodGuard(deps.clock);
  let buffered = 0;
  let peak = 0;
  const server = new SMTPServer({
    name: opts.name ?? deps.domain,
    banner: 'Vigie newsletter receiver',
    size: opts.maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const source = newsletterSourceFor(deps.sqlite, address.address, deps.domain);
      if (!source) return callback(smtpError(550, `5.1.1 <${address.address}>: no such newsletter address here`));
      const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : null;
      const client = session.remoteAddress;
      const why =
        floodReason(deps.sqlite, source, sender, deps.clock.now()) ??
        (flood.recent(source.id, client) >= source.maxPerHour ? `more than ${source.maxPerHour} messages in an hour from ${client}` : null);
      if (why) {
        deps.log.warn({ sourceId: source.id, sender, client }, 'newsletter flood deferred');
        return callback(smtpError(451, `4.7.1 ${why} for <${address.address}>; try again later`));
      }
      callback();
    },
    onData(stream, session, callback) {
      // Past the cap nothing more is kept: the rest of the DATA is read and dropped, then answered with 552.
      let chunks: Buffer[] = [];
      let size = 0;
      let over = false;
      const release = () => {
        buffered -= size;
        size = 0;
        chunks = [];
      };
      stream.on('data', (c: Buffer) => {
        if (over) return;
        if (stream.sizeExceeded || size + c.length > opts.maxBytes) {
          over = true;
          return release();
        }
        chunks.push(c);
        size += c.length;
        buffered += c.length;
        peak = Math.max(peak, buffered);
      });
      stream.on('error', release);
      stream.on('end', () => {
        if (over || stream.sizeExceeded) {
          release();
          return callback(smtpError(552, `5.3.4 message larger than ${opts.maxBytes} bytes`));
        }
        const raw = Buffer.concat(chunks);
        release();
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        void (async () => {
          const refusals: string[] = [];
          for (const rcpt of recipients) {
            const source = newsletterSourceFor(deps.sqlite, rcpt, deps.domain);
            if (!source) continue;
            const outcome = await receiveForSource(deps, { raw, via: 'smtp', envelopeFrom, recipients }, source, { enforceRate: false });
            if (outcome.status === 'refused') refusals.push(outcome.reason);
            else flood.record(source.id, session.remoteAddress);
            deps.log.info({ sourceId: source.id, status: outcome.status, job: 'smtp' }, 'newsletter received');
          }
          if (refusals.length && refusals.length === recipients.length) return callback(smtpError(550, `5.7.1 ${refusals[0]}`));
          callback(null, 'stored');
        })().catch((err: unknown) => {
          deps.log.error({ err, job: 'smtp' }, 'storing an inbound e-mail failed');
          callback(smtpError(451, '4.3.0 could not store the message now; try again later'));
        });
      });
    },
  });
  server.on('error', (err) => deps.log.warn({ err, job: 'smtp' }, 'SMTP session error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  deps.log.info({ host: opts.host, port, domain: deps.domain }, 'SMTP newsletter receiver listening');
  return {
    port,
    peakBufferedBytes: () => peak,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
