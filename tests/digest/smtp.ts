/**
 * A real SMTP server (smtp-server) on 127.0.0.1 for digest tests. What it answers is scripted: accept, a 4xx/5xx
 * reply, a 550 at RCPT (hard bounce), or never answering the DATA (hang) after having received the whole message.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type Reply = 'accept' | 'hang' | { code: number; message: string };

export interface Received {
  to: string;
  raw: string;
  /** What the server answered. */
  reply: 'accept' | 'hang' | number;
}

export interface TestSmtp {
  url: string;
  received: Received[];
  /** Messages accepted (250), parsed. */
  accepted(): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export interface SmtpScript {
  /** Reply to the n-th message (1-based) with its recipient. */
  data?: (n: number, to: string) => Reply;
  /** A refusal at RCPT TO, or null to accept the recipient. */
  rcpt?: (to: string) => { code: number; message: string } | null;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

export async function startSmtp(script: SmtpScript = {}): Promise<TestSmtp> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 200,
    onRcptTo(address, _session, done) {
      const refusal = script.rcpt?.(address.address);
      done(refusal ? smtpError(refusal.code, refusal.message) : undefined);
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(',');
        const reply = script.data?.(received.length + 1, to) ?? 'accept';
        received.push({ to, raw: Buffer.concat(chunks).toString('utf8'), reply: typeof reply === 'string' ? reply : reply.code });
        if (reply === 'accept') done();
        else if (reply !== 'hang') done(smtpError(reply.code, reply.message));
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}?tls=off`,
    received,
    accepted: () => Promise.all(received.filter((r) => r.reply === 'accept').map((r) => simpleParser(r.raw))),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
