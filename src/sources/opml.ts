import * as cheerio from 'cheerio';
import { safeHref } from '../lib/web-url.js';

export interface OpmlFeed {
  title: string | null;
  xmlUrl: string;
  htmlUrl: string | null;
  /** The folder (parent outline) or `category` attribute it was filed under, if any. */
  folder: string | null;
}

/** Reads the feed outlines of an OPML document (folders become `folder`). Throws on a document with no feeds. */
export function parseOpml(xml: string): { title: string | null; feeds: OpmlFeed[] } {
  const $ = cheerio.load(xml, { xml: true });
  if (!$('opml').length) throw new Error('not an OPML document (no <opml> root element)');
  const feeds: OpmlFeed[] = [];
  $('outline[xmlUrl], outline[xmlurl]').each((_, el) => {
    const o = $(el);
    const xmlUrl = (o.attr('xmlUrl') ?? o.attr('xmlurl') ?? '').trim();
    if (!xmlUrl) return;
    const parent = o.parent('outline');
    const folder = parent.length ? (parent.attr('title') ?? parent.attr('text') ?? null) : (o.attr('category')?.split(',')[0]?.replace(/^\//, '') || null);
    feeds.push({
      title: (o.attr('title') ?? o.attr('text') ?? '').trim() || null,
      xmlUrl,
      htmlUrl: (o.attr('htmlUrl') ?? o.attr('htmlurl') ?? '').trim() || null,
      folder: folder?.trim() || null,
    });
  });
  return { title: $('head > title').first().text().trim() || null, feeds };
}

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export interface OpmlGroup {
  title: string;
  feeds: { title: string; xmlUrl: string; htmlUrl?: string | null }[];
}

/** OPML 2.0 with one folder per group. */
export function renderOpml(title: string, groups: OpmlGroup[], dateCreated: Date): string {
  const body = groups
    .map((g) => {
      const items = g.feeds
        .map((f) => {
          const htmlUrl = safeHref(f.htmlUrl);
          return `      <outline type="rss" text="${esc(f.title)}" title="${esc(f.title)}" xmlUrl="${esc(f.xmlUrl)}"${htmlUrl ? ` htmlUrl="${esc(htmlUrl)}"` : ''}/>`;
        })
        .join('\n');
      return `    <outline text="${esc(g.title)}" title="${esc(g.title)}">\n${items}\n    </outline>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head>\n    <title>${esc(title)}</title>\n    <dateCreated>${dateCreated.toUTCString()}</dateCreated>\n  </head>\n  <body>\n${body}\n  </body>\n</opml>\n`;
}

/** A slug from a title: lowercase ASCII letters, digits and dashes. */
export function slugify(s: string, fallback = 'source'): string {
  const slug = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    // Runs of other characters are single dashes by now.
    .replace(/^-|-$/g, '')
    .slice(0, 48)
    .replace(/-$/, '');
  return slug || fallback;
}
