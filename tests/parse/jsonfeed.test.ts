import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/index.js';

const DIR = join(import.meta.dirname, '../fixtures/feeds/jsonfeed');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

describe('JSON Feed fixtures (JsonFeed.NET)', () => {
  it.each(files)('%s parses into items with ids, URLs and content', async (file) => {
    const body = readFileSync(join(DIR, file));
    const doc = JSON.parse(body.toString().replace(/^\ufeff/, '')) as { title: string; items: unknown[] };
    const r = await parseFeed({ body, contentType: 'application/feed+json' });
    if (!r.ok) throw new Error(r.detail);
    expect(r.format).toBe('json');
    expect(r.feed.feed.title).toBe(doc.title);
    expect(r.feed.items.length).toBe(doc.items.length);
    for (const it of r.feed.items) {
      expect(it.guid).not.toBeNull();
      expect(it.contentHtml ?? it.summary ?? it.title).not.toBeNull();
      expect(it.contentHtml ?? '').not.toMatch(/<script/i);
    }
  });

  it('JSON Feed 1.1: authors and item count (JsonFeed.NET assertions)', async () => {
    const r = await parseFeed({ body: readFileSync(join(DIR, 'json_v1.1.json')) });
    expect(r.ok && r.feed.items.length).toBe(48);
    expect(r.ok && r.feed.items[0]?.author).toBe('John Gruber');
  });

  it('maps attachments to enclosures and dates to UTC', async () => {
    const body = Buffer.from(JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Pod',
      home_page_url: 'https://pod.example/',
      feed_url: 'https://pod.example/feed.json',
      items: [{ id: '1', url: '/ep/1', title: 'Ep 1', content_text: 'Hello', date_published: '2024-05-01T10:00:00+02:00', tags: ['a'], attachments: [{ url: 'ep1.mp3', mime_type: 'audio/mpeg', size_in_bytes: 42 }] }],
    }));
    const r = await parseFeed({ body });
    expect(r.ok && r.feed.items[0]).toMatchObject({
      url: 'https://pod.example/ep/1',
      published: '2024-05-01T08:00:00.000Z',
      contentText: 'Hello',
      categories: ['a'],
      enclosures: [{ url: 'https://pod.example/ep1.mp3', type: 'audio/mpeg', length: 42 }],
    });
  });
});
