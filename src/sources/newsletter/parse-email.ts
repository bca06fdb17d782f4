/**
 * One e-mail to one item: subject as title, sender as author, Date header, sanitised HTML (or the text part), the
 * links it carries. The network's own subscription links and tracking are removed (strip-links.ts); a sign-up
 * confirmation is recognised instead of becoming an item. Malformed MIME and odd charsets are mailparser's job;
 * whatever it cannot make sense of still yields an item with what it could read.
 */
import { createHash } from 'node:crypto';
import { load } from 'cheerio';
import { simpleParser, type AddressObject } from 'mailparser';
import { normaliseLang } from '../../parse/normalise.js';
import { createSanitiser, type Sanitiser } from '../../text/sanitise.js';
import { escapeHtml, foldWhitespace, truncate } from '../../text/strings.js';
import type { NormalisedItem } from '../../model/item.js';
import { findConfirmationLink } from './confirmation.js';
import { cleanNewsletterHtml, cleanNewsletterText, listUnsubscribeUrls, type Link, type RemovedLink } from './strip-links.js';

export interface ParsedEmail {
  item: NormalisedItem;
  messageId: string | null;
  subject: string | null;
  from: string | null;
  /** Lower-cased From address. */
  fromAddress: string | null;
  links: Link[];
  removed: RemovedLink[];
  /** Set when the message is a sign-up confirmation (then it is not published as an item). */
  confirmUrl: string | null;
}

/** HTML bodies above this size are not parsed for links (mailparser's own guard against pathological markup). */
const MAX_HTML = 5 * 1024 * 1024;

function firstAddress(a: AddressObject | AddressObject[] | undefined): { name: string; address: string } | null {
  const obj = Array.isArray(a) ? a[0] : a;
  const v = obj?.value[0];
  return v ? { name: v.name ?? '', address: (v.address ?? '').toLowerCase() } : null;
}

function headerText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
  return null;
}

function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/https?:\/\/[^\s<>()"]+/g, (u) => `<a href="${u}">${u}</a>`).replace(/\n/g, '<br>')}</p>`)
    .filter((p) => p !== '<p></p>')
    .join('');
}

function linksOf(html: string): Link[] {
  const $ = load(html);
  return $('a[href]')
    .toArray()
    .map((el) => ({ url: ($(el).attr('href') ?? '').trim(), text: foldWhitespace($(el).text()) }))
    .filter((l) => /^https?:/i.test(l.url));
}

export async function parseEmail(raw: Buffer, opts: { now: number; sanitiser?: Sanitiser }): Promise<ParsedEmail> {
  const mail = await simpleParser(raw, { keepCidLinks: true, maxHtmlLengthToParse: MAX_HTML });
  const sanitiser = opts.sanitiser ?? createSanitiser();
  const unsubscribe = listUnsubscribeUrls(headerText(mail.headers.get('list-unsubscribe')));
  const subject = mail.subject?.trim() || null;
  const from = firstAddress(mail.from);
  const text = mail.text ?? '';
  const html = typeof mail.html === 'string' && mail.html.trim() ? mail.html : null;

  const rawLinks = html ? linksOf(html) : (text.match(/https?:\/\/[^\s<>()"]+/g) ?? []).map((url) => ({ url, text: '' }));
  const confirmUrl = findConfirmationLink(subject ?? '', text || (html ? sanitiser.toText(html) : ''), rawLinks);

  let contentHtml: string;
  let links: Link[];
  let removed: RemovedLink[];
  if (html) {
    const cleaned = cleanNewsletterHtml(html, unsubscribe);
    contentHtml = cleaned.html;
    links = cleaned.links;
    removed = cleaned.removed;
  } else {
    const cleaned = cleanNewsletterText(text, unsubscribe);
    contentHtml = textToHtml(cleaned.text);
    links = linksOf(contentHtml);
    removed = cleaned.removed;
  }
  const safe = sanitiser.sanitise(contentHtml, null);
  const date = mail.date && Number.isFinite(mail.date.getTime()) && mail.date.getTime() <= opts.now + 10 * 60_000 ? mail.date.toISOString() : null;
  const messageId = mail.messageId?.trim() || null;
  const lang = normaliseLang(headerText(mail.headers.get('content-language'))?.split(',')[0] ?? (html ? /<html\b[^<>]*?\slang=["']?([A-Za-z-]+)/i.exec(html)?.[1] : null));
  const item: NormalisedItem = {
    guid: messageId ? `mid:${messageId}` : `sha1:${createHash('sha1').update(raw).digest('hex')}`,
    url: null,
    canonicalUrl: null,
    title: subject ?? '(no subject)',
    author: from ? from.name.trim() || from.address : null,
    published: date,
    summary: safe.text ? truncate(safe.text, 500) : null,
    contentHtml: safe.html || null,
    contentText: safe.text || null,
    categories: [],
    enclosures: [],
    lang,
  };
  return {
    item,
    messageId,
    subject,
    from: headerText(mail.headers.get('from')),
    fromAddress: from?.address || null,
    links,
    removed,
    confirmUrl,
  };
}
