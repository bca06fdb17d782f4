import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
}

export type SendResult = { ok: true; messageId: string } | { ok: false; detail: string };

export interface MailSender {
  send(mail: OutgoingMail): Promise<SendResult>;
  close(): void;
}

/**
 * Outgoing mail over SMTP (SMTP_URL like smtp://user:pass@host:587, smtps:// for implicit TLS); null when no SMTP
 * is configured, so callers fall back (show the link to an admin). Delivery failures are values.
 */
export function createMailSender(opts: { smtpUrl?: string | undefined; from?: string | undefined; timeoutMs?: number }): MailSender | null {
  if (!opts.smtpUrl) return null;
  const url = new URL(opts.smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    // Self-hosted relays on the same host often run without TLS; STARTTLS is still used when offered.
    ignoreTLS: url.searchParams.get('tls') === 'off',
    connectionTimeout: opts.timeoutMs ?? 15_000,
    greetingTimeout: opts.timeoutMs ?? 15_000,
    socketTimeout: opts.timeoutMs ?? 30_000,
  });
  const from = opts.from ?? `Vigie <vigie@${url.hostname}>`;
  return {
    async send(mail) {
      try {
        const info = (await transport.sendMail({ from, ...mail })) as { messageId: string };
        return { ok: true, messageId: info.messageId };
      } catch (err) {
        return { ok: false, detail: `SMTP ${url.hostname}: ${err instanceof Error ? err.message : String(err)}` };
      }
    },
    close() {
      transport.close();
    },
  };
}
