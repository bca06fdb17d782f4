/**
 * SSRF guard for sources added through the app: only http(s), and never an address inside the host's own network
 * (loopback, RFC 1918, link-local, CGNAT, multicast, reserved, IPv6 ULA / link-local / mapped-v4 …).
 * Names are checked on the address actually connected to (a `lookup` given to the socket), so DNS rebinding —
 * a name that resolves to a public address when checked and a private one when used — cannot slip through.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/** Error code carried by the connect error when the guard refuses an address; http.ts maps it to `blocked`. */
export const BLOCKED_CODE = 'EVIGIE_SSRF_BLOCKED';

const V4_BLOCKS: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'an unspecified address'],
  ['10.0.0.0', 8, 'a private network address'],
  ['100.64.0.0', 10, 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address'],
  ['172.16.0.0', 12, 'a private network address'],
  ['192.0.0.0', 24, 'a reserved address'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.88.99.0', 24, 'a reserved address'],
  ['192.168.0.0', 16, 'a private network address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];

const V6_BLOCKS: Array<[string, number, string]> = [
  ['::', 128, 'an unspecified address'],
  ['::1', 128, 'a loopback address'],
  ['::ffff:0:0', 96, 'an IPv4-mapped address'],
  ['64:ff9b::', 96, 'a NAT64 address'],
  ['100::', 64, 'a discard address'],
  ['2001:db8::', 32, 'a documentation address'],
  ['2002::', 16, 'a 6to4 address'],
  ['fc00::', 7, 'a unique-local (private) address'],
  ['fe80::', 10, 'a link-local address'],
  ['fec0::', 10, 'a site-local address'],
  ['ff00::', 8, 'a multicast address'],
];

type Rules = Array<{ list: BlockList; reason: string }>;

// One BlockList per reason so the refusal can say why, and per family: BlockList matches IPv4 addresses against
// IPv4-mapped IPv6 rules, so mixing families would make ::ffff:0:0/96 swallow every IPv4 address.
function buildRules(blocks: Array<[string, number, string]>, family: 'ipv4' | 'ipv6'): Rules {
  const byReason = new Map<string, BlockList>();
  for (const [net, prefix, reason] of blocks) {
    let list = byReason.get(reason);
    if (!list) byReason.set(reason, (list = new BlockList()));
    list.addSubnet(net, prefix, family);
  }
  return [...byReason].map(([reason, list]) => ({ list, reason }));
}

/** Immutable lookup tables (constants, not state). */
const V4_RULES = buildRules(V4_BLOCKS, 'ipv4');
const V6_RULES = buildRules(V6_BLOCKS, 'ipv6');

/** Why this IP address must not be fetched (e.g. "a loopback address"), or null when it is a public address. */
export function blockedAddressReason(ip: string): string | null {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const family = isIP(bare);
  if (family === 0) return 'not an IP address';
  const [rules, type] = family === 4 ? [V4_RULES, 'ipv4' as const] : [V6_RULES, 'ipv6' as const];
  for (const { list, reason } of rules) if (list.check(bare, type)) return reason;
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
  if (isIP(bare)) {
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
