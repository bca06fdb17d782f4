/**
 * SSRF guard for sources added through the app: only http(s), and never an address inside the host's own network
 * (loopback, RFC 1918, link-local, CGNAT, multicast, reserved, IPv6 ULA / link-local / mapped-v4 …).
 * Names are checked on the address actually connected to (a `lookup` given to the socket), so DNS rebinding —
 * a name that resolves to a public address when checked and a private one when used — cannot slip through.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';

/** Error code carried by the connect error when the guard refuses an address; http.ts maps it to `blocked`. */
export const BLOCKED_CODE = 'EVIGIE_SSRF_BLOCKED';

/** ipaddr.js's names for the special ranges, in words. Every range but plain `unicast` is refused. */
const RANGE_WORDS: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'a reserved (broadcast) address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address',
  private: 'a private network address',
  uniqueLocal: 'a unique-local (private) address',
  ipv4Mapped: 'an IPv4-mapped address',
  rfc6145: 'an IPv4-translated address',
  rfc6052: 'a NAT64 address',
  '6to4': 'a 6to4 address',
  teredo: 'a Teredo address',
  benchmarking: 'a benchmarking address',
  discard: 'a discard address',
  reserved: 'a reserved address',
  as112: 'a reserved (AS112) address',
  amt: 'a reserved (AMT) address',
  deprecated: 'a deprecated address',
  deprecatedSiteLocal: 'a site-local address',
  orchid2: 'a reserved (ORCHID) address',
};

/** IPv6 ranges ipaddr.js files under `unicast` that still must not be reached. */
const V6_EXTRA: Array<[ipaddr.IPv6, number, string]> = [
  [ipaddr.IPv6.parse('::'), 96, 'an IPv4-compatible address'],
  [ipaddr.IPv6.parse('2001:db8::'), 32, 'a documentation address'],
  [ipaddr.IPv6.parse('fec0::'), 10, 'a site-local address'],
];
const V6_GLOBAL: [ipaddr.IPv6, number] = [ipaddr.IPv6.parse('2000::'), 3];

/** Why this IP address must not be fetched (e.g. "a loopback address"), or null when it is a public address. */
export function blockedAddressReason(ip: string): string | null {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  // Only the strict four-part decimal IPv4 form and real IPv6 are addresses here (no "127.1", no octal).
  if (!ipaddr.IPv4.isValidFourPartDecimal(bare) && !ipaddr.IPv6.isValid(bare)) return 'not an IP address';
  // The URL parser's canonical form first: ipaddr.js reads "::a.b.c.d" as IPv4-mapped, which it is not.
  const addr = ipaddr.parse(bare.includes(':') ? new URL(`http://[${bare}]/`).hostname.slice(1, -1) : bare);
  const v6 = addr.kind() === 'ipv6' ? (addr as ipaddr.IPv6) : null;
  if (v6 && !v6.match(ipaddr.IPv6.parse('::ffff:0:0'), 96) && !v6.match(ipaddr.IPv6.parse('::'), 127)) {
    for (const [net, bits, reason] of V6_EXTRA) if (v6.match(net, bits)) return reason;
  }
  const range = addr.range();
  if (range !== 'unicast') return RANGE_WORDS[range] ?? `a special-purpose address (${range})`;
  if (v6 && !v6.match(V6_GLOBAL)) return 'a reserved address';
  return null;
}

/**
 * Checks what can be checked before connecting: the scheme, and the host when it is an IP literal or a local name
 * (a literal never goes through DNS, so the connect-time lookup would not see it). Returns a refusal reason or null.
 */
export function checkUrlTarget(url: URL): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `the ${url.protocol.replace(/:$/, '')} scheme is not allowed`;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'localhost is not allowed';
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  if (ipaddr.isValid(bare)) {
    const reason = blockedAddressReason(bare);
    return reason ? `${bare} is ${reason}` : null;
  }
  return null;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/tls.connect that resolves normally and then refuses when ANY resolved address is blocked
 * (a name mixing public and private addresses is a rebinding attempt, not a feed).
 */
export function guardedLookup(hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    for (const { address } of addresses) {
      const reason = blockedAddressReason(address);
      if (reason) {
        const refusal: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${address}, ${reason}`);
        refusal.code = BLOCKED_CODE;
        return callback(refusal, []);
      }
    }
    if ((options as LookupAllOptions).all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
    callback(null, first.address, first.family);
  });
}
