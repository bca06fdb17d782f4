import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeBody } from '../../src/parse/decode.js';
import { parseFeed } from '../../src/parse/index.js';

const FIX = join(import.meta.dirname, '../fixtures/feeds');
const read = (p: string): Buffer => readFileSync(join(FIX, p));

describe('decodeBody: Miniflux charset fixtures', () => {
  it.each([
    ['miniflux/encoding/utf8.xml', null, 'Café'],
    ['miniflux/encoding/iso-8859-1.xml', 'text/html; charset=ISO-8859-1', 'Café'],
    ['miniflux/encoding/iso-8859-1.xml', null, 'Café'],
    ['miniflux/encoding/windows-1252.xml', null, 'Euro €'],
    ['miniflux/encoding/invalid-prolog.xml', null, 'Café'],
    ['miniflux/encoding/koi8r.xml', null, 'Пример RSS ленты'],
    ['miniflux/parser/no_encoding_ISO-8859-1.xml', null, 'é'],
    ['miniflux/xml/iso88591.xml', null, 'Anaïs'],
  ])('%s (Content-Type %j) contains %j', (file, contentType, expected) => {
    const d = decodeBody(read(file), contentType);
    expect(d.text).toContain(expected);
    expect(d.text).not.toContain('\ufffd');
  });
});

describe('decodeBody: byte-order marks and unmarked UTF-16/32 (feedparser fixtures)', () => {
  it.each([
    ['utf-8-bom.xml', 'utf-8'],
    ['utf-16be-bom.xml', 'utf-16be'],
    ['utf-16le-bom.xml', 'utf-16le'],
    ['utf-16le-autodetect.xml', 'utf-16le'],
    ['utf-16le.xml', 'utf-16le'],
    ['utf16.xml', 'utf-16be'],
    ['utf-32be-bom.xml', 'utf-32be'],
    ['utf-32le-bom.xml', 'utf-32le'],
    ['utf-32be-autodetect.xml', 'utf-32be'],
    ['utf-32le-autodetect.xml', 'utf-32le'],
    ['utf-32be.xml', 'utf-32be'],
    ['utf_32.xml', 'utf-32be'],
  ])('%s is read as %s and parses', async (file, encoding) => {
    const body = read(`feedparser/encoding/${file}`);
    const d = decodeBody(body);
    expect(d.encoding).toBe(encoding);
    expect(d.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(d.text.trimStart().startsWith('<')).toBe(true);
    const r = await parseFeed({ body });
    expect(r.ok).toBe(true);
  });
});

describe('decodeBody: declared charsets and conflicts', () => {
  const xml = (enc: string, body: string): string => `<?xml version="1.0" encoding="${enc}"?><rss version="2.0"><channel><title>${body}</title></channel></rss>`;

  it('the HTTP charset wins over the XML declaration', () => {
    const body = iconv.encode(xml('utf-8', 'Café'), 'latin1');
    expect(decodeBody(body, 'application/xml; charset=iso-8859-1').text).toContain('Café');
  });

  it('a wrong charset (latin-1 bytes labelled utf-8) falls back with a warning, no replacement characters', () => {
    const body = iconv.encode(xml('utf-8', 'Café crème'), 'latin1');
    const d = decodeBody(body, 'text/xml; charset=utf-8');
    expect(d.text).toContain('Café crème');
    expect(d.warnings.join(' ')).toMatch(/not valid UTF-8/);
  });

  it('a bogus charset label is ignored', () => {
    const d = decodeBody(Buffer.from(xml('x-bogus-42', 'Café')), 'text/xml; charset=nonsense');
    expect(d.text).toContain('Café');
    expect(d.warnings.length).toBe(2);
  });

  it('decodes CJK legacy charsets (EUC-KR)', async () => {
    const r = await parseFeed({ body: read('feedparser/encoding/euc-kr-item.xml') });
    expect(r.ok && r.feed.items[0]?.summary).toBe('년');
  });

  it('maps windows-1252 numeric references to the intended punctuation', async () => {
    const r = await parseFeed({ body: read('feedparser/encoding/demoronize-2.xml') });
    expect(r.ok && r.feed.items[0]?.summary).toBe('don’t');
  });

  it.each([
    ['text/xml; charset=UTF-8', 'utf-8'],
    ['application/rss+xml;charset="windows-1252"', 'windows-1252'],
    ['text/html', null],
    [null, null],
  ])('charsetFromContentType(%j) = %j', (ct, want) => {
    expect(charsetFromContentType(ct)).toBe(want);
  });
});
