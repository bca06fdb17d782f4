/** The address a member subscribes to a newsletter for a source: `<slug>@<INBOUND_DOMAIN>` (shown in the UI). */
export function newsletterAddress(slug: string, domain: string): string {
  return `${slug}@${domain.toLowerCase()}`;
}

/**
 * The source slug an address designates: `<slug>@<domain>`, or plus-addressing on any mailbox (`watch+<slug>@…`,
 * for IMAP mailboxes that cannot receive at the inbound domain). Null otherwise.
 */
export function slugFromAddress(address: string, domain: string): string | null {
  const m = /^([^@\s]+)@([^@\s]+)$/.exec(address.trim().toLowerCase());
  if (!m) return null;
  const [, local, host] = m as unknown as [string, string, string];
  const plus = local.indexOf('+');
  if (host === domain.toLowerCase()) return plus >= 0 ? local.slice(0, plus) : local;
  return plus >= 0 ? local.slice(plus + 1) : null;
}

/** True when `address` is allowed by a source's `senders` list ("news@x.org" or "@x.org"); an empty list allows all. */
export function senderAllowed(address: string | null, senders: readonly string[]): boolean {
  if (!senders.length) return true;
  if (!address) return false;
  const a = address.toLowerCase();
  return senders.some((s) => (s.startsWith('@') ? a.endsWith(s.toLowerCase()) : a === s.toLowerCase()));
}
