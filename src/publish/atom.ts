/** Atom 1.0 (RFC 4287): self, alternate and hub links; each entry links to the original and to its page here. */
import type { Feed } from './model.js';
import { rfc3339, xml } from './xml.js';
import { safeHref } from '../lib/web-url.js';

export function renderAtom(feed: Feed): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(feed.language)}">`,
    `<id>${xml(feed.id)}</id>`,
    `<title type="text">${xml(feed.title)}</title>`,
    `<subtitle type="text">${xml(feed.description)}</subtitle>`,
    `<updated>${rfc3339(feed.updated)}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${xml(feed.urls.atom)}"/>`,
    `<link rel="alternate" type="text/html" href="${xml(feed.homeUrl)}"/>`,
  ];
  if (feed.hub) out.push(`<link rel="hub" href="${xml(feed.hub)}"/>`);
  out.push(`<author><name>${xml(feed.title)}</name><uri>${xml(feed.homeUrl)}</uri></author>`);
  out.push(`<generator version="${xml(feed.generator.version)}">${xml(feed.generator.name)}</generator>`);
  for (const e of feed.entries) {
    const link = safeHref(e.link);
    out.push('<entry>', `<id>${xml(e.id)}</id>`, `<title type="text">${xml(e.title)}</title>`);
    out.push(`<published>${rfc3339(e.published)}</published>`, `<updated>${rfc3339(e.updated)}</updated>`);
    if (link) out.push(`<link rel="alternate" type="text/html" href="${xml(link)}"/>`);
    out.push(`<link rel="${link ? 'related' : 'alternate'}" type="text/html" href="${xml(e.permalink)}"/>`);
    out.push(`<author><name>${xml(e.author ?? e.source.name)}</name></author>`);
    for (const tag of e.tags) out.push(`<category term="${xml(tag)}"/>`);
    if (e.summary) out.push(`<summary type="text">${xml(e.summary)}</summary>`);
    out.push(`<content type="html">${xml(e.contentHtml)}</content>`);
    const feedUrl = safeHref(e.source.feedUrl);
    const home = safeHref(e.source.homeUrl) ?? feedUrl;
    out.push('<source>', `<title type="text">${xml(e.source.name)}</title>`);
    if (home) out.push(`<link rel="alternate" href="${xml(home)}"/>`);
    if (feedUrl) out.push(`<link rel="self" href="${xml(feedUrl)}"/>`);
    out.push('</source>', '</entry>');
  }
  out.push('</feed>', '');
  return out.join('\n');
}
