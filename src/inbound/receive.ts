/**
 * The push path of newsletters, shared by the SMTP receiver and the IMAP poller: route a message to its source,
 * apply the source's sender list and per-sender rate limit, keep the raw bytes, and store the item (items + outbox,
 * through the item store) in the same transaction as the inbound_emails row.
 */
import type { Sqlite } from '../db/client.js';
import { recentForSource, recentFromSender } from '../db/inbound/recent.js';
import { type NewInboundEmail, deleteInboundEmail, findDeliveredEmail, insertInboundEmail, markEmailAsItem, storedEmail } from '../db/inbound/emails.js';
import { itemIdByDedupeKey } from '../db/items/item-id-by-key.js';
import { findNewsletterSource, newsletterSlugs, recordNewsletterDelivery } from '../db/sources/newsletters.js';
import { keyItems } from '../ingest/dedupe.js';
import type { ItemStore } from '../db/items/store.js';
import { applyUrlPolicyToItem } from '../lib/url-policy.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/log.js';
import { senderAllowed, slugFromAddress } from '../sources/newsletter/address.js';
import { parseEmail, type ParsedEmail } from '../sources/newsletter/parse-email.js';

export interface InboundDeps {
  sqlite: Sqlite;
  store: ItemStore;
  clock: Clock;
  log: Logger;
  /** INBOUND_DOMAIN */
  domain: string;
}

export interface NewsletterSource {
  id: number;
  slug: string;
  lang: string | null;
  senders: string[];
  maxPerHour: number;
}

export type ReceiveOutcome =
  | { status: 'item'; emailId: number; itemId: number | null; duplicate: boolean }
  | { status: 'confirmation'; emailId: number; confirmUrl: string }
  | { status: 'held' | 'unrouted' | 'error'; emailId: number; reason: string }
  | { status: 'refused'; reason: string };

/** The enabled newsletter source an address designates, or null (unknown recipients are refused at RCPT). */
export function newsletterSourceFor(sqlite: Sqlite, address: string, domain: string): NewsletterSource | null {
  const slug = slugFromAddress(address, domain);
  if (!slug) return null;
  const row = findNewsletterSource(sqlite, slug);
  if (!row) return null;
  const settings = JSON.parse(row.settings) as { senders?: string[]; max_per_hour?: number };
  return { id: row.id, slug: row.slug, lang: row.lang, senders: settings.senders ?? [], maxPerHour: settings.max_per_hour ?? 20 };
}

/** A source as a whole takes this many times its per-sender limit in an hour (senders and addresses rotated). */
export const SOURCE_FLOOD_FACTOR = 3;

/** Why a new message for `source` is over a flood limit (claimed sender, or the source as a whole), or null. */
export function floodReason(sqlite: Sqlite, source: NewsletterSource, sender: string | null, now: number): string | null {
  if (recentFromSender(sqlite, source.id, sender, now) >= source.maxPerHour) return `more than ${source.maxPerHour} messages in an hour from ${sender ?? '(unknown sender)'}`;
  const ceiling = source.maxPerHour * SOURCE_FLOOD_FACTOR;
  if (recentForSource(sqlite, source.id, now) >= ceiling) return `more than ${ceiling} messages in an hour for ${source.slug}`;
  return null;
}

export interface IncomingMessage {
  raw: Buffer;
  via: 'smtp' | 'imap';
  /** Envelope sender (SMTP) — null for IMAP, where the From header stands in. */
  envelopeFrom: string | null;
  recipients: string[];
}

function insertEmail(deps: InboundDeps, msg: IncomingMessage, sourceId: number | null, parsed: ParsedEmail | null, status: NewInboundEmail['status'], extra: { error?: string | null; sender: string | null }): number {
  return insertInboundEmail(deps.sqlite, {
    sourceId,
    via: msg.via,
    receivedAt: deps.clock.now(),
    sender: extra.sender,
    recipients: msg.recipients,
    messageId: parsed?.messageId ?? null,
    subject: parsed?.subject ?? null,
    fromHeader: parsed?.from ?? null,
    raw: msg.raw,
    status,
    confirmUrl: parsed?.confirmUrl ?? null,
    links: parsed?.links ?? [],
    removedLinks: parsed?.removed ?? [],
    error: extra.error ?? null,
  });
}

/** Stores a parsed message as its source's item, the inbound row pointing at it, all in one transaction. */
function storeItem(deps: InboundDeps, source: NewsletterSource, emailId: number, parsed: ParsedEmail): { itemId: number | null; inserted: boolean } {
  const now = deps.clock.now();
  // Mail is pushed, not collected through the source registry: the same URL policy applies here.
  const safe = applyUrlPolicyToItem(parsed.item, null, []);
  const item = safe.lang || !source.lang ? safe : { ...safe, lang: source.lang };
  const keyed = keyItems([item], true);
  const result = deps.store.store(source.id, keyed, now, true);
  const itemId = result.inserted[0] ?? result.updated[0] ?? itemIdByDedupeKey(deps.sqlite, source.id, keyed[0]!.dedupeKey);
  markEmailAsItem(deps.sqlite, emailId, itemId);
  recordNewsletterDelivery(deps.sqlite, source.id, now);
  return { itemId, inserted: result.inserted.length > 0 };
}

/**
 * Processes one message for one source. The raw message is always kept (held, confirmation, error alike); the
 * caller has already refused what SMTP can refuse (unknown recipient, size, rate) before DATA.
 */
export async function receiveForSource(deps: InboundDeps, msg: IncomingMessage, source: NewsletterSource, opts: { enforceRate: boolean; replaceId?: number }): Promise<ReceiveOutcome> {
  const now = deps.clock.now();
  let parsed: ParsedEmail;
  try {
    parsed = await parseEmail(msg.raw, { now });
  } catch (err) {
    const reason = `unreadable message: ${(err as Error).message}`;
    if (opts.replaceId) return { status: 'error', emailId: opts.replaceId, reason };
    const emailId = insertEmail(deps, msg, source.id, null, 'error', { error: reason, sender: msg.envelopeFrom?.toLowerCase() ?? null });
    deps.log.warn({ sourceId: source.id, emailId }, reason);
    return { status: 'error', emailId, reason };
  }
  const sender = (msg.envelopeFrom || parsed.fromAddress)?.toLowerCase() ?? null;
  if (!senderAllowed(parsed.fromAddress, source.senders) && !senderAllowed(msg.envelopeFrom, source.senders)) {
    return { status: 'refused', reason: `sender ${parsed.fromAddress ?? msg.envelopeFrom ?? '(none)'} is not among the senders of ${source.slug}` };
  }
  return deps.sqlite.transaction((): ReceiveOutcome => {
    if (opts.replaceId) deleteInboundEmail(deps.sqlite, opts.replaceId);
    if (parsed.messageId) {
      const dup = findDeliveredEmail(deps.sqlite, source.id, parsed.messageId);
      if (dup) return { status: 'item', emailId: dup.id, itemId: dup.itemId, duplicate: true };
    }
    const flood = opts.enforceRate ? floodReason(deps.sqlite, source, sender, now) : null;
    if (flood) {
      const reason = `${flood}: held`;
      return { status: 'held', emailId: insertEmail(deps, msg, source.id, parsed, 'held', { error: reason, sender }), reason };
    }
    if (parsed.confirmUrl) {
      const emailId = insertEmail(deps, msg, source.id, parsed, 'confirmation', { sender });
      deps.log.info({ sourceId: source.id, emailId }, 'newsletter sign-up confirmation waiting for a curator');
      return { status: 'confirmation', emailId, confirmUrl: parsed.confirmUrl };
    }
    const emailId = insertEmail(deps, msg, source.id, parsed, 'item', { sender });
    const { itemId, inserted } = storeItem(deps, source, emailId, parsed);
    return { status: 'item', emailId, itemId, duplicate: !inserted };
  })();
}

/** Processes a stored message again (after a parser fix, or to release a held one), from its raw bytes. */
export async function reprocessEmail(deps: InboundDeps, emailId: number): Promise<ReceiveOutcome> {
  const row = storedEmail(deps.sqlite, emailId);
  if (!row) return { status: 'refused', reason: `no stored e-mail #${emailId}` };
  const source = row.slug ? newsletterSourceFor(deps.sqlite, `${row.slug}@${deps.domain}`, deps.domain) : null;
  if (!source) return { status: 'refused', reason: `e-mail #${emailId} belongs to no enabled newsletter source` };
  const msg: IncomingMessage = { raw: row.raw, via: row.via, envelopeFrom: row.sender, recipients: row.recipients };
  return receiveForSource(deps, msg, source, { enforceRate: false, replaceId: emailId });
}

/** Keeps a message no source claims (IMAP mailbox), raw, for a curator to look at. */
export function keepUnrouted(deps: InboundDeps, msg: IncomingMessage, reason: string): ReceiveOutcome {
  const emailId = insertEmail(deps, msg, null, null, 'unrouted', { error: reason, sender: msg.envelopeFrom?.toLowerCase() ?? null });
  return { status: 'unrouted', emailId, reason };
}

/** Enabled newsletter sources whose `senders` list names this address (routing for mailboxes without plus-addressing). */
export function newsletterSourcesBySender(sqlite: Sqlite, address: string | null, domain: string): NewsletterSource[] {
  if (!address) return [];
  return newsletterSlugs(sqlite)
    .map((slug) => newsletterSourceFor(sqlite, `${slug}@${domain}`, domain))
    .filter((s): s is NewsletterSource => s !== null && s.senders.length > 0 && senderAllowed(address, s.senders));
}
