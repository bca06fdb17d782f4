/**
 * `vigie source test SLUG [--json]` — fetch one source and print what it would add, storing nothing.
 * `vigie source inbox SLUG [--json]` — a newsletter source's address, confirmations to click, held messages.
 * `vigie source reprocess SLUG [--id N]` — process stored raw e-mails again (after a fix, or to release held ones).
 * `vigie source confirm SLUG --id N` — record that a curator clicked a sign-up confirmation.
 */
import { parseArgs } from 'node:util';
import { inboundDepsOf } from '../../inbound/index.js';
import { listInbox, markConfirmationHandled } from '../../db/inbound/inbox.js';
import { reprocessEmail } from '../../inbound/receive.js';
import { newsletterAddress } from '../../sources/newsletter/address.js';
import { loadSource } from '../../db/sources/load-source.js';
import { previewSource } from '../../ingest/preview.js';
import { openContext } from '../context.js';
import { UsageError } from '../fatal.js';

const USAGE = `usage: vigie source test SLUG [--json]
       vigie source inbox SLUG [--json]
       vigie source reprocess SLUG [--id N]
       vigie source confirm SLUG --id N

test       fetches one source now and prints what it would add (new / updated / unchanged), without storing.
           --json prints {"source","kind","status","error","errorKind","httpStatus","warnings","new","updated",
           "unchanged","items":[{…normalised item…, "status"}]}. Exit 1 when the source fails.
inbox      newsletter sources: the address to subscribe, sign-up confirmations to click, held or unreadable mail.
reprocess  newsletter sources: processes the stored raw messages again (all, or --id N).
confirm    newsletter sources: marks confirmation --id N as clicked.
`;

const write = (v: unknown) => process.stdout.write(`${JSON.stringify(v)}\n`);

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, id: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${USAGE}`);
  }
  if (parsed.values.help) return void process.stdout.write(USAGE), 0;
  const [sub, slug, ...extra] = parsed.positionals;
  if (!sub || !['test', 'inbox', 'reprocess', 'confirm'].includes(sub) || !slug || extra.length) throw new UsageError(`expected a subcommand and one SLUG\n\n${USAGE}`);
  const id = parsed.values.id !== undefined ? Number(parsed.values.id) : undefined;
  if (id !== undefined && !Number.isInteger(id)) throw new UsageError(`--id must be a whole number`);
  const deps = await openContext();
  try {
    const source = loadSource(deps.sqlite, slug);
    if (!source) throw new UsageError(`unknown source '${slug}'`);
    const json = parsed.values.json === true;
    if (sub === 'test') {
      const preview = await previewSource(deps, source);
      if (json) write(preview);
      else {
        process.stdout.write(preview.status === 'error' ? `${slug}: error: ${preview.error}\n` : `${slug}: ${preview.new} new, ${preview.updated} updated, ${preview.unchanged} unchanged\n`);
        for (const w of preview.warnings) process.stdout.write(`  warning: ${w}\n`);
        for (const it of preview.items) process.stdout.write(`  [${it.status}] ${it.published?.slice(0, 16).replace('T', ' ') ?? '(no date)'}  ${it.title ?? '(untitled)'}${it.url ? `\n      ${it.url}` : ''}\n`);
        if (source.kind === 'newsletter') process.stdout.write(`  newsletters arrive by e-mail at ${newsletterAddress(slug, deps.config.env.INBOUND_DOMAIN)}; see \`vigie source inbox ${slug}\`\n`);
      }
      return preview.status === 'error' ? 1 : 0;
    }
    if (source.kind !== 'newsletter') throw new UsageError(`'${slug}' is a ${source.kind} source; ${sub} applies to newsletter sources`);
    if (sub === 'inbox') {
      const inbox = listInbox(deps.sqlite, source.id);
      const address = newsletterAddress(slug, deps.config.env.INBOUND_DOMAIN);
      if (json) write({ source: slug, address, messages: inbox });
      else {
        process.stdout.write(`${slug}: subscribe newsletters with ${address}\n`);
        for (const m of inbox) {
          const what = m.status === 'confirmation' ? `CONFIRM ${m.handledAt ? '(done)' : 'by opening'} ${m.confirmUrl}` : m.status === 'item' ? `item #${m.itemId}` : `${m.status}: ${m.error ?? ''}`;
          process.stdout.write(`  #${m.id} ${new Date(m.receivedAt).toISOString().slice(0, 16)}  ${m.subject ?? '(no subject)'} — ${what}\n`);
        }
      }
      return 0;
    }
    if (sub === 'confirm') {
      if (id === undefined) throw new UsageError('confirm needs --id N (see `vigie source inbox`)');
      const ok = markConfirmationHandled(deps.sqlite, id, deps.clock.now());
      process.stdout.write(ok ? `confirmation #${id} marked as done\n` : `no confirmation #${id}\n`);
      return ok ? 0 : 1;
    }
    const ids = id !== undefined ? [id] : listInbox(deps.sqlite, source.id, { limit: 10_000 }).map((m) => m.id);
    const inbound = inboundDepsOf(deps);
    const outcomes = [];
    for (const emailId of ids) outcomes.push({ id: emailId, ...(await reprocessEmail(inbound, emailId)) });
    if (json) write({ source: slug, outcomes });
    else for (const o of outcomes) process.stdout.write(`  #${o.id}: ${o.status}${'reason' in o ? ` (${o.reason})` : ''}\n`);
    return outcomes.some((o) => o.status === 'error' || o.status === 'refused') ? 1 : 0;
  } finally {
    await deps.close();
  }
}
