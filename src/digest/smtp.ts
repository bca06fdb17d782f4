/**
 * Digest delivery over SMTP: one pooled connection reused across recipients, a rate limit, timeouts, and every
 * answer classified (sent / retry later / give up / hard bounce) with the server's own words kept. Separate from
 * src/mail/send.ts because digests need the pool, a fixed Message-ID and the SMTP response code.
 */
import nodemailer from 'nodemailer';

export interface DigestMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  date: Date;
  headers: Record<string, string>;
}

export type SmtpOutcome =
  | { ok: true; response: string }
  | { ok: false; kind: 'transient' | 'permanent' | 'bounce'; response: string };

export interface DigestTransport {
  send(mail: DigestMail): Promise<SmtpOutcome>;
  close(): void;
}

export interface TransportOptions {
  smtpUrl: string;
  from?: string | undefined;
  timeoutMs?: number;
  /** Messages per second at most. */
  ratePerSecond?: number;
}

/** 5xx answers about the mailbox itself (unknown user, mailbox unavailable, bad address) are hard bounces. */
export function classify(code: number | undefined, response: string): SmtpOutcome {
  if (code === undefined) return { ok: false, kind: 'transient', response };
  if (code >= 400 && code < 500) return { ok: false, kind: 'transient', response };
  const enhanced = /\b5\.1\.\d{1,3}\b/.test(response);
  if (code === 550 || code === 551 || code === 553 || enhanced) return { ok: false, kind: 'bounce', response };
  return { ok: false, kind: 'permanent', response };
}

/** List-* headers must reach clients verbatim: no encoded-word wrapping of the angle-bracketed URLs (values are ASCII). */
function prepared(headers: Record<string, string>): Record<string, { prepared: true; value: string }> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, { prepared: true as const, value: v.replace(/[^\x20-\x7e]/g, '') }]));
}

export function createDigestTransport(opts: TransportOptions): DigestTransport {
  const url = new URL(opts.smtpUrl);
  const timeout = opts.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 1,
    maxMessages: 500,
    rateDelta: 1000,
    rateLimit: opts.ratePerSecond ?? 20,
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    ignoreTLS: url.searchParams.get('tls') === 'off',
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  const from = opts.from ?? `Vigie <vigie@${url.hostname}>`;
  return {
    async send(mail) {
      try {
        const info = (await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId, date: mail.date, headers: prepared(mail.headers) })) as {
          response?: string;
          rejected?: unknown[];
        };
        const response = info.response ?? '250 OK';
        if (info.rejected?.length) return classify(Number(response.slice(0, 3)) || 550, response);
        return { ok: true, response };
      } catch (err) {
        const e = err as { responseCode?: number; response?: string; message?: string; code?: string };
        return classify(e.responseCode, e.response ?? `${e.code ?? 'error'}: ${e.message ?? String(err)}`);
      }
    },
    close() {
      transport.close();
    },
  };
}
