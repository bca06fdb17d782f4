import type { SendResult } from '../../mail/send.js';
import type { AppDeps } from '../types.js';

export const resetUrl = (deps: AppDeps, secret: string) => `${deps.config.publicUrl}/reset/${secret}`;
export const inviteUrl = (deps: AppDeps, secret: string) => `${deps.config.publicUrl}/invite/${secret}`;

export async function sendResetMail(deps: AppDeps, to: string, secret: string): Promise<SendResult> {
  if (!deps.mail) return { ok: false, detail: 'no SMTP configured' };
  const url = resetUrl(deps, secret);
  return deps.mail.send({
    to,
    subject: 'Vigie: reset your password',
    text: `Someone (hopefully you) asked to reset your Vigie password.\n\nChoose a new one here within two hours:\n${url}\n\nIf it was not you, ignore this message.\n`,
  });
}

export async function sendInvitationMail(deps: AppDeps, to: string, secret: string, what: string): Promise<SendResult> {
  if (!deps.mail) return { ok: false, detail: 'no SMTP configured' };
  const url = inviteUrl(deps, secret);
  return deps.mail.send({ to, subject: 'Vigie: you are invited', text: `You are invited to join a Vigie watch as ${what}.\n\nAccept within 14 days:\n${url}\n` });
}
