/**
 * What a newsletter shows once republished: the network's own subscription links (unsubscribe, manage preferences,
 * forward-to-a-friend, the List-Unsubscribe targets) are removed so no reader can unsubscribe the network; click-
 * tracking redirects are unwrapped to their target when it is readable, else lose their link; tracking pixels go.
 * The raw message keeps all of it for curators.
 */
import { load } from 'cheerio';
import { canonicalUrl } from '../../lib/url.js';

export interface RemovedLink {
  url: string;
  text: string;
  why: 'unsubscribe' | 'tracking' | 'pixel';
}

export interface Link {
  url: string;
  text: string;
}

const SUBSCRIPTION_TEXT =
  /unsubscri|unsub\b|opt[\s-]?out|d[ée]sabonn|d[ée]sinscri|d[ée]sincri|abmelden|abbestellen|darse de baja|cancelar (la )?suscri|manage (your )?(subscription|preferences|email|e-mail)|update (your )?(profile|preferences|subscription)|(email|e-mail|subscription|mailing) preferences|subscription (center|centre|settings)|g[ée]rer (mes|vos|votre|mon) (abonnement|pr[ée]f[ée]rences)|modifier (mes|vos) pr[ée]f[ée]rences|forward (this )?(email )?to a friend|why did i (get|receive) this|view (this )?(email|e-mail|message|newsletter)? ?(online|in (your |a )?browser)|version (en ligne|web)|voir (dans|sur) (votre|le) navigateur|afficher dans (votre|le) navigateur/i;
const SUBSCRIPTION_HREF = /unsubscri|\/unsub\b|opt-?out|email-?preferences|manage-?(subscription|preferences)|update-?profile|preference-?cent|desinscri|desabonn|\/profile\?u=|\/forward\?u=/i;
/** Hosts and paths of e-mail service providers' click trackers. */
const TRACKER =
  /(^|\.)list-manage\.com\/track\/|\/ls\/click\?|mandrillapp\.com\/track\/|sendgrid\.net\/|ct\.sendgrid|\/track\/click|\/tracking\/click|clicks?\.[^/]+\/|(^|\.)links?\.[^/]+\/(c|s|ls|e|u)\/|email\.[^/]+\/c\/|\/tr\/cl\/|mjt\.lu\/lnk|klclick\.com|hubspotlinks\.com|hs-sites|cmail\d*\.com\/t\/|createsend\d*\.com\/t\/|r\.[^/]+\/mk\/cl\/|trk\.|\/wf\/click\?|\/CL0\/|sendibt\d*\.com|\.ct\.|elink\.|\/redirect\?|\/r\/\?|awstrack\.me|\/e\/c\/[A-Za-z0-9_=-]{24,}/i;
const TRACKER_SPAN = 512;
const PIXEL_SRC = /\/open(\.aspx|\.php|\.gif)?[?/]|\/track\/open|\/wf\/open|\/o\/[A-Za-z0-9_-]{8,}|pixel|beacon|\/trk\?|\/e\/o\/|\/imp\?/i;
const TARGET_PARAMS = ['url', 'u', 'redirect', 'redirect_url', 'target', 'link', 'to', 'dest', 'destination', 'r', 'q', 'goto'];

/** URLs named by the List-Unsubscribe header (`<https://…>, <mailto:…>`). */
export function listUnsubscribeUrls(header: string | null | undefined): string[] {
  if (!header) return [];
  return [...header.matchAll(/<([^<>]+)>/g)].map((m) => m[1]!.trim()).filter(Boolean);
}

function isSubscriptionLink(href: string, text: string, unsubscribe: string[]): boolean {
  const h = href.trim();
  if (unsubscribe.some((u) => u && (h === u || (u.startsWith('http') && h.split('?')[0] === u.split('?')[0])))) return true;
  if (/^mailto:/i.test(h) && /unsubscribe|remove|d[ée]sinscri/i.test(h)) return true;
  return SUBSCRIPTION_TEXT.test(text) || SUBSCRIPTION_HREF.test(h);
}

/** The destination of a click-tracking redirect, when the tracker carries it readably; else null. */
export function unwrapTracker(href: string): string | null {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return null;
  }
  for (const p of TARGET_PARAMS) {
    const v = u.searchParams.get(p);
    if (v && /^https?:\/\//i.test(v)) return v;
  }
  // Some providers (customer.io, …) carry the target as base64 JSON in a path segment: {"href": "https://…"}.
  for (const seg of u.pathname.split('/')) {
    if (seg.length < 24 || !/^[A-Za-z0-9_=-]+$/.test(seg)) continue;
    try {
      const json = JSON.parse(Buffer.from(seg, 'base64url').toString('utf8')) as Record<string, unknown>;
      const target = json.href ?? json.url;
      if (typeof target === 'string' && /^https?:\/\//i.test(target)) return target;
    } catch {
      // not a JSON segment
    }
  }
  return null;
}

export function isTracker(href: string): boolean {
  // The markers sit in the host or at the start of the path: the first TRACKER_SPAN characters are enough, and
  // they bound the regex's cost on hostile links (see tests/security/redos-audit.test.ts).
  return /^https?:/i.test(href) && TRACKER.test(href.replace(/^https?:\/\//i, '').slice(0, TRACKER_SPAN));
}

function isPixel(attrs: Record<string, string | undefined>): boolean {
  const w = Number.parseInt(attrs.width ?? '', 10);
  const h = Number.parseInt(attrs.height ?? '', 10);
  if ((Number.isFinite(w) && w <= 3) || (Number.isFinite(h) && h <= 3)) return true;
  const style = (attrs.style ?? '').replace(/\s+/g, '').toLowerCase();
  if (/display:none|visibility:hidden|(^|;)width:[0-3]px|(^|;)height:[0-3]px|max-height:0/.test(style)) return true;
  return PIXEL_SRC.test(attrs.src ?? '');
}

const text = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Cleans newsletter HTML (before the shared sanitiser runs) and lists the links kept and removed. */
export function cleanNewsletterHtml(html: string, unsubscribe: string[]): { html: string; links: Link[]; removed: RemovedLink[] } {
  const $ = load(html);
  const removed: RemovedLink[] = [];
  $('img').each((_i, el) => {
    const attrs = el.attribs;
    if (isPixel(attrs)) {
      removed.push({ url: attrs.src ?? '', text: attrs.alt ?? '', why: 'pixel' });
      $(el).remove();
    }
  });
  const links: Link[] = [];
  const seen = new Set<string>();
  $('a[href]').each((_i, el) => {
    const a = $(el);
    const href = (a.attr('href') ?? '').trim();
    const label = text(a.text()) || a.find('img').attr('alt') || '';
    if (isSubscriptionLink(href, label, unsubscribe)) {
      removed.push({ url: href, text: label, why: 'unsubscribe' });
      a.remove();
      return;
    }
    let target = href;
    if (isTracker(href)) {
      const unwrapped = unwrapTracker(href);
      removed.push({ url: href, text: label, why: 'tracking' });
      if (!unwrapped || isSubscriptionLink(unwrapped, label, unsubscribe)) {
        a.replaceWith(a.contents());
        return;
      }
      target = unwrapped;
    }
    const clean = /^https?:/i.test(target) ? (canonicalUrl(target) ?? target) : target;
    a.attr('href', clean);
    if (/^https?:/i.test(clean) && !seen.has(clean)) {
      seen.add(clean);
      links.push({ url: clean, text: label });
    }
  });
  return { html: $('body').length ? ($('body').html() ?? '') : $.html(), links, removed };
}

/** Same for a text-only newsletter: lines carrying subscription links go, tracker URLs are unwrapped or dropped. */
export function cleanNewsletterText(body: string, unsubscribe: string[]): { text: string; removed: RemovedLink[] } {
  const removed: RemovedLink[] = [];
  const lines = body.split(/\r?\n/).filter((line) => {
    const urls = line.match(/https?:\/\/[^\s<>()"]+/g) ?? [];
    const sub = urls.find((u) => isSubscriptionLink(u, line, unsubscribe)) ?? (SUBSCRIPTION_TEXT.test(line) && urls.length ? urls[0] : undefined);
    if (sub) removed.push({ url: sub, text: text(line), why: 'unsubscribe' });
    return !sub;
  });
  const cleaned = lines.join('\n').replace(/https?:\/\/[^\s<>()"]+/g, (u) => {
    if (!isTracker(u)) return canonicalUrl(u) ?? u;
    removed.push({ url: u, text: '', why: 'tracking' });
    const t = unwrapTracker(u);
    return t ? (canonicalUrl(t) ?? t) : '';
  });
  return { text: cleaned, removed };
}
