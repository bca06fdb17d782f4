/**
 * Fever API conversations over real HTTP, as Reeder, ReadYou's Fever service and Fluent Reader's fever service
 * send them: `POST /api/fever?api` with the api_key form field, then groups and feeds, items walked forward with
 * since_id (50 a page) and back with max_id, unread and saved id lists, and marks.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { call } from '../helpers/accounts.js';
import { makeReaderNetwork, type ReaderNetwork } from './fixture.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let net: ReaderNetwork;
let key: string;
beforeAll(async () => {
  net = await makeReaderNetwork();
  const password = await net.appPassword(net.reader);
  key = createHash('md5').update(`reader@example.org:${password}`).digest('hex');
});
afterAll(() => net.close());

async function fever(query: string, apiKey = key, extra: Record<string, string> = {}): Promise<any> {
  const res = await fetch(`${net.url}/api/fever?api${query ? `&${query}` : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: apiKey, ...extra }),
  });
  expect(res.status).toBe(200);
  return res.json();
}

describe('Fever', () => {
  it('signs in with md5(email:app password); a wrong key answers 200 with auth 0', async () => {
    expect(await fever('')).toMatchObject({ api_version: 3, auth: 1 });
    expect(await fever('', createHash('md5').update('reader@example.org:correct horse battery staple').digest('hex'))).toEqual({ api_version: 3, auth: 0 });
    expect(await fever('items', 'not-a-key')).toEqual({ api_version: 3, auth: 0 });
  });

  it('lists groups (topics) and feeds (sources) the member reads, and which feed is in which group', async () => {
    const body = await fever('groups&feeds');
    expect(body.groups.map((g: { title: string }) => g.title).sort()).toEqual(['Closed topic', 'Open topic']);
    expect(body.feeds.map((f: { title: string }) => f.title).sort()).toEqual(['Closed source', 'Open source']);
    expect(body.feeds.find((f: { title: string }) => f.title === 'Closed source').url).not.toContain('SecretKey123');
    for (const fg of body.feeds_groups) expect(fg.feed_ids).toMatch(/^\d+(,\d+)*$/);
    expect((await fever('favicons')).favicons).toEqual([]);
  });

  it('walks every item forward with since_id, 50 a page, none twice, and back with max_id', async () => {
    const seen: number[] = [];
    let since = 0;
    for (let page = 0; page < 100; page++) {
      const body = await fever(`items&since_id=${since}`);
      if (!body.items.length) break;
      expect(body.items.length).toBeLessThanOrEqual(50);
      seen.push(...body.items.map((i: { id: number }) => i.id));
      since = Math.max(...body.items.map((i: { id: number }) => i.id));
      expect(body.total_items).toBe(1300);
    }
    expect(seen).toHaveLength(1300);
    expect(new Set(seen).size).toBe(1300);
    const back = await fever(`items&max_id=${since}`);
    expect(back.items).toHaveLength(50);
    expect(back.items.every((i: { id: number }) => i.id < since)).toBe(true);
    const item = back.items[0];
    expect(item).toMatchObject({ is_read: 0, is_saved: 0 });
    expect(typeof item.html).toBe('string');
    expect(item.html).not.toMatch(/<script|onerror/i);
    expect(item.url).toMatch(/^https:\/\//);
  });

  it('marks items read, unread, saved; lists come back as comma-separated strings; the web sees the same state', async () => {
    const unread = (await fever('unread_item_ids')).unread_item_ids as string;
    expect(unread).toMatch(/^\d+(,\d+)*$/);
    const [a, b] = unread.split(',').map(Number) as [number, number];
    await fever('', key, { mark: 'item', as: 'read', id: String(a) });
    await fever('', key, { mark: 'item', as: 'read', id: String(a) });
    await fever('', key, { mark: 'item', as: 'saved', id: String(b) });
    expect((await fever('unread_item_ids')).unread_item_ids.split(',')).not.toContain(String(a));
    expect((await fever('saved_item_ids')).saved_item_ids).toBe(String(b));
    expect((await fever(`items&with_ids=${a},${b},99999999`)).items.map((i: { id: number; is_read: number; is_saved: number }) => [i.id, i.is_read, i.is_saved])).toEqual([
      [a, 1, 0],
      [b, 0, 1],
    ]);
    const marks = await call(net.app, 'GET', '/api/v1/marks?mark=star', { as: net.reader });
    expect(JSON.stringify(marks.body)).toContain(String(b));
    await fever('', key, { mark: 'item', as: 'unread', id: String(a) });
    await fever('', key, { mark: 'item', as: 'unsaved', id: String(b) });
    expect((await fever('saved_item_ids')).saved_item_ids).toBe('');
    expect((await fever('unread_item_ids')).unread_item_ids.split(',')).toContain(String(a));
  });

  it('marks a feed or a group read before a time; unknown ids are ignored', async () => {
    const { groups } = await fever('groups');
    const closed = groups.find((g: { title: string }) => g.title === 'Closed topic');
    await fever('', key, { mark: 'group', as: 'read', id: String(closed.id), before: String(Math.floor(Date.now() / 1000) + 60) });
    await fever('', key, { mark: 'item', as: 'read', id: '99999999' });
    await fever('', key, { mark: 'feed', as: 'read', id: '99999999', before: '0' });
    const unread = (await fever('unread_item_ids')).unread_item_ids.split(',').filter(Boolean);
    expect(unread).toHaveLength(700);
  });

  it('never shows a member of another topic the members-only items', async () => {
    const pw = await net.appPassword(net.stranger);
    const strangerKey = createHash('md5').update(`stranger@example.org:${pw}`).digest('hex');
    const closedIds = (await fever('items&since_id=0')).items.map((i: { id: number }) => i.id) as number[];
    const { feeds } = await fever('feeds', strangerKey);
    expect(feeds.map((f: { title: string }) => f.title).sort()).toEqual(['Open source', 'Other source']);
    const mine = (await fever('unread_item_ids', strangerKey)).unread_item_ids.split(',');
    expect(mine).toHaveLength(705);
    const asked = await fever(`items&with_ids=${closedIds.join(',')}`, strangerKey);
    for (const i of asked.items) expect(i.feed_id).not.toBe(feeds.find((f: { title: string }) => f.title === 'Closed source')?.id ?? -1);
    expect(asked.items.every((i: { title: string }) => !i.title.startsWith('closed'))).toBe(true);
  });
});
