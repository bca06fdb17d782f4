import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher } from '../../src/fetch/http.js';
import { BLOCKED_CODE, blockedAddressReason, checkUrlTarget, guardedLookup } from '../../src/fetch/ssrf.js';
import { respond, startFeedServer, type FeedServer } from '../helpers/feed-server.js';

describe('blockedAddressReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.1.2', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'], // cloud metadata endpoint
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fd00::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped'],
    ['::ffff:8.8.8.8', 'IPv4-mapped'],
    // Finding 10: IPv4 embedded in IPv6 in its other forms, classified by ipaddr.js.
    ['::127.0.0.1', 'IPv4-compatible'],
    ['::7f00:1', 'IPv4-compatible'],
    ['::a9fe:a9fe', 'IPv4-compatible'],
    ['64:ff9b::7f00:1', 'NAT64'],
    ['::ffff:0:7f00:1', 'IPv4-translated'],
    ['2002:7f00:1::1', '6to4'],
    ['2001:db8::1', 'documentation'],
    ['fec0::1', 'site-local'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
  ])('refuses %s (%s)', (ip, why) => {
    expect(blockedAddressReason(ip)).toContain(why);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2a00:1450:4007:80a::200e'])('allows public %s', (ip) => {
    expect(blockedAddressReason(ip)).toBeNull();
  });
});

describe('checkUrlTarget', () => {
  it.each([
    ['file:///etc/passwd', /file scheme/],
    ['gopher://example.org/', /gopher scheme/],
    ['http://localhost:8080/', /localhost/],
    ['http://LOCALHOST./', /localhost/],
    ['http://app.localhost/', /localhost/],
    ['http://127.1/', /loopback/], // the URL parser normalises 127.1 to 127.0.0.1
    ['http://0x7f000001/', /loopback/],
    ['http://[::1]:80/', /loopback/],
    ['http://[::ffff:7f00:1]/', /IPv4-mapped/],
    ['http://[::127.0.0.1]/', /IPv4-compatible/],
    ['http://[0:0:0:0:0:0:127.0.0.1]:8080/', /IPv4-compatible/],
    ['http://169.254.169.254/latest/meta-data/', /link-local/],
  ])('refuses %s', (url, reason) => {
    expect(checkUrlTarget(new URL(url))).toMatch(reason);
  });

  it('leaves names to the connect-time check', () => {
    expect(checkUrlTarget(new URL('https://example.org/feed.xml'))).toBeNull();
    expect(checkUrlTarget(new URL('http://8.8.8.8/feed.xml'))).toBeNull();
  });
});

describe('guardedLookup', () => {
  it('refuses a name that resolves to a loopback address', async () => {
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => guardedLookup('localhost', { all: true }, (e) => resolve(e)));
    expect(err?.code).toBe(BLOCKED_CODE);
    expect(err?.message).toMatch(/localhost resolves to .*loopback/);
  });
});

describe('the fetcher with guard: true', () => {
  let srv: FeedServer;
  let guarded: Fetcher;
  let open: Fetcher;
  beforeAll(async () => {
    srv = await startFeedServer({ files: { '/feed.xml': '<rss version="2.0"><channel/></rss>' }, routes: { '/bounce': respond.redirect('/feed.xml') } });
    guarded = createFetcher({ allowPrivateHosts: false, timeoutMs: 5_000 });
    open = createFetcher({ allowPrivateHosts: true, timeoutMs: 5_000 });
  });
  afterAll(async () => {
    await guarded.close();
    await open.close();
    await srv.close();
  });

  it('refuses local targets before any request is sent', async () => {
    for (const url of [`${srv.url}/feed.xml`, `http://localhost:${srv.port}/feed.xml`, `http://[::1]:${srv.port}/feed.xml`]) {
      const r = await guarded.fetch({ url, guard: true });
      expect(r).toMatchObject({ ok: false, kind: 'blocked' });
      if (!r.ok) expect(r.detail).toContain('was not fetched');
    }
    expect((await guarded.fetch({ url: 'file:///etc/passwd', guard: true })).ok).toBe(false);
    expect(srv.requests('/feed.xml')).toBe(0);
  });

  it('checks the resolved address at connect time for names', async () => {
    // This machine's own name resolves to a local address in containers and most hosts; skip where it does not.
    const name = hostname();
    const addrs = await lookup(name, { all: true }).catch(() => []);
    if (addrs.length === 0 || !addrs.every((a) => blockedAddressReason(a.address) && a.address.startsWith('127.'))) return;
    const url = `http://${name}:${srv.port}/feed.xml`;
    const r = await guarded.fetch({ url, guard: true });
    expect(r).toMatchObject({ ok: false, kind: 'blocked' });
    if (!r.ok) expect(r.detail).toMatch(/resolves to 127\./);
    expect(srv.requests('/feed.xml')).toBe(0);
    // The same name is fetched when the guard is off, so the refusal above came from the guard.
    expect(await guarded.fetch({ url })).toMatchObject({ ok: true, status: 200 });
  });

  it('is off for trusted sources (guard unset) and with allowPrivateHosts', async () => {
    expect(await guarded.fetch({ url: `${srv.url}/bounce` })).toMatchObject({ ok: true, status: 200 });
    expect(await open.fetch({ url: `${srv.url}/bounce`, guard: true })).toMatchObject({ ok: true, status: 200 });
  });
});
