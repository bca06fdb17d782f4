/**
 * The built-in SMTP receiver for newsletters (`SMTP_INBOUND_PORT`). It accepts mail only for known newsletter
 * addresses (`<slug>@<INBOUND_DOMAIN>`: others get 550 at RCPT), refuses oversized mail (SIZE, 552), defers a
 * flooding sender (451 at RCPT), and stores the item before answering the end of DATA: once the sender's SMTP
 * transaction ends with 250, the item exists. SPF/DKIM are not evaluated (mail often arrives through forwarders).
 */
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { isRateLimited, newsletterSourceFor, receiveForSource, type InboundDeps } from './receive.js';

export interface SmtpReceiverOptions {
  host: string;
  port: number;
  maxBytes: number;
  /** Name announced in the greeting. */
  name?: string;
}

export interface SmtpReceiver {
  port: number;
  close(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpReceiver(deps: InboundDeps, opts: SmtpReceiverOptions): Promise<SmtpReceiver> {
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
      if (isRateLimited(deps.sqlite, source, sender, deps.clock.now())) {
        deps.log.warn({ sourceId: source.id, sender }, 'newsletter sender rate limited');
        return callback(smtpError(451, `4.7.1 too many messages from ${sender ?? 'this sender'} for <${address.address}>; try again later`));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(smtpError(552, `5.3.4 message larger than ${opts.maxBytes} bytes`));
        const raw = Buffer.concat(chunks);
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        void (async () => {
          const refusals: string[] = [];
          for (const rcpt of recipients) {
            const source = newsletterSourceFor(deps.sqlite, rcpt, deps.domain);
            if (!source) continue;
            const outcome = await receiveForSource(deps, { raw, via: 'smtp', envelopeFrom, recipients }, source, { enforceRate: false });
            if (outcome.status === 'refused') refusals.push(outcome.reason);
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
