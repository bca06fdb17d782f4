import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher } from '../../src/fetch/http.js';
import { createHostLimiter, hostKey } from '../../src/fetch/host-limit.js';
import { startFeedServer } from '../helpers/feed-server.js';

/** A server that holds every request until released, so concurrency can be observed without timing. */
async function holdingServer() {
  const held: ServerResponse[] = [];
  let peak = 0;
  const srv = await startFeedServer({
    routes: {
      '/feed.xml': (_req, res) => {
        held.push(res);
        peak = Math.max(peak, held.length);
      },
    },
  });
  return {
    srv,
    held: () => held.length,
    peak: () => peak,
    releaseAll() {
      for (const res of held.splice(0)) res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss/>');
    },
  };
}

const until = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
};

describe('per-host concurrency', () => {
  let a: Awaited<ReturnType<typeof holdingServer>>;
  let b: Awaited<ReturnType<typeof holdingServer>>;
  let fetcher: Fetcher;
  beforeAll(async () => {
    a = await holdingServer();
    b = await holdingServer();
    fetcher = createFetcher({ allowPrivateHosts: true, perHostConcurrency: 2, timeoutMs: 10_000 });
  });
  afterAll(async () => {
    await fetcher.close();
    await a.srv.close();
    await b.srv.close();
  });

  it('never has more than perHostConcurrency requests in flight to one host:port, and hosts do not wait on each other', async () => {
    const all = [
      ...Array.from({ length: 6 }, () => fetcher.fetch({ url: `${a.srv.url}/feed.xml` })),
      ...Array.from({ length: 3 }, () => fetcher.fetch({ url: `${b.srv.url}/feed.xml` })),
    ];
    // Both servers (same hostname, different ports) get their two requests at once.
    await until(() => a.held() === 2 && b.held() === 2);
    let done = 0;
    const finished = Promise.all(all.map((p) => p.then((r) => (done++, r))));
    while (done < all.length) {
      a.releaseAll();
      b.releaseAll();
      await new Promise((r) => setTimeout(r, 5));
    }
    const results = await finished;
    expect(results.every((r) => r.ok)).toBe(true);
    expect(a.peak()).toBe(2);
    expect(b.peak()).toBe(2);
    expect(a.srv.requests('/feed.xml')).toBe(6);
  });
});

describe('waiting for a host slot', () => {
  it('does not count against the fetch deadline', { timeout: 15_000 }, async () => {
    const h = await holdingServer();
    const fetcher = createFetcher({ allowPrivateHosts: true, perHostConcurrency: 1, timeoutMs: 800 });
    try {
      const first = fetcher.fetch({ url: `${h.srv.url}/feed.xml`, timeoutMs: 10_000 });
      const queued = fetcher.fetch({ url: `${h.srv.url}/feed.xml` });
      await until(() => h.held() === 1);
      await new Promise((r) => setTimeout(r, 1_200)); // longer than the queued fetch's own deadline
      h.releaseAll();
      expect(await first).toMatchObject({ ok: true });
      await until(() => h.held() === 1);
      h.releaseAll();
      expect(await queued).toMatchObject({ ok: true, status: 200 });
    } finally {
      await fetcher.close();
      await h.srv.close();
    }
  });
});

describe('createHostLimiter', () => {
  it('runs waiting tasks in order and forgets idle hosts', async () => {
    const limiter = createHostLimiter(1);
    const order: number[] = [];
    let release!: () => void;
    const first = limiter.run('h:80', () => new Promise<void>((r) => (release = r)).then(() => order.push(1)));
    const second = limiter.run('h:80', async () => order.push(2));
    const third = limiter.run('h:80', async () => order.push(3));
    expect(limiter.load('h:80')).toEqual({ active: 1, waiting: 2 });
    release();
    await Promise.all([first, second, third]);
    expect(order).toEqual([1, 2, 3]);
    expect(limiter.load('h:80')).toEqual({ active: 0, waiting: 0 });
  });

  it('releases the slot when a task fails', async () => {
    const limiter = createHostLimiter(1);
    await expect(limiter.run('h:80', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run('h:80', async () => 'next')).toBe('next');
  });

  it('keys hosts by hostname and effective port', () => {
    expect(hostKey(new URL('https://Example.org/feed'))).toBe('example.org:443');
    expect(hostKey(new URL('http://example.org/feed'))).toBe('example.org:80');
    expect(hostKey(new URL('http://example.org:8080/feed'))).toBe('example.org:8080');
  });
});
