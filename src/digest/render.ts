/**
 * The digest e-mail: responsive HTML (tables, CSS inlined by juice, dark-mode rules kept in a <style> block,
 * explicit colours everywhere so clients that invert colours keep the text readable, no images) and a plain-text
 * part. Personal links are placeholders until the end, so the costly inlining runs once per distinct content.
 */
import { createHash } from 'node:crypto';
import juice from 'juice';
import type { Translate } from '../lib/i18n.js';
import type { DigestItem, DigestLinks, DigestModel } from './model.js';
import { localDate } from './schedule.js';
import type { Section } from './select.js';

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
}

const CSS = `
body,.wrap{margin:0;padding:0;background:#f4f4f5;color:#18181b}
.wrap{width:100%}
.card{width:600px;max-width:600px;background:#ffffff;color:#18181b;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5}
.pad{padding:24px}
h1{font-size:22px;line-height:1.3;margin:0 0 4px 0;color:#18181b}
h2{font-size:14px;letter-spacing:.04em;text-transform:uppercase;margin:24px 0 8px 0;color:#3f3f46;border-bottom:1px solid #d4d4d8;padding-bottom:4px}
h3{font-size:17px;line-height:1.35;margin:0 0 2px 0;color:#18181b}
a{color:#1d4ed8;text-decoration:underline}
h3 a{color:#1d4ed8;text-decoration:none}
p{margin:0 0 8px 0}
.item{padding:10px 0;border-bottom:1px solid #e4e4e7}
.meta{color:#52525b;font-size:13px}
.note{border-left:3px solid #1d4ed8;padding:2px 0 2px 10px;margin:6px 0;color:#27272a;font-style:italic}
.more{margin:16px 0;font-weight:bold}
.foot{color:#52525b;font-size:12px;padding:16px 24px;background:#f4f4f5}
.foot a{color:#3f3f46}
@media (prefers-color-scheme: dark){
 body,.wrap,.foot{background:#18181b !important;color:#e4e4e7 !important}
 .card{background:#27272a !important;color:#f4f4f5 !important}
 h1,h3,.note{color:#f4f4f5 !important}
 h2,.meta,.foot a{color:#d4d4d8 !important}
 a,h3 a{color:#93c5fd !important}
}
@media only screen and (max-width:620px){
 .card{width:100% !important}
 .pad{padding:14px !important}
}`;

const SECTIONS: Section[] = ['approved', 'signal', 'story', 'match'];
const P = { web: '%%VIGIE_WEB%%', unsubscribe: '%%VIGIE_UNSUB%%', manage: '%%VIGIE_MANAGE%%' } as const;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function title(t: Translate, m: DigestModel): string {
  return t('digest.email.subject', { label: m.label, date: localDate(m.periodEnd, m.timeZone) });
}

function itemMeta(t: Translate, m: DigestModel, it: DigestItem): string {
  const parts = [it.source, localDate(it.publishedAt, m.timeZone)];
  if (it.section === 'story' && it.count > 1) parts.push(t('digest.reported', { count: it.count }));
  return parts.join(' · ');
}

function itemHtml(t: Translate, m: DigestModel, it: DigestItem): string {
  const href = it.url ?? it.permalink;
  const note = it.note ? `<p class="note">${esc(it.section === 'approved' ? t('digest.curatorNote') : t('digest.signalWhy'))} ${esc(it.note)}</p>` : '';
  return `<div class="item"><h3><a href="${esc(href)}">${esc(it.title)}</a></h3><p class="meta">${esc(itemMeta(t, m, it))} · <a href="${esc(it.permalink)}">${esc(t('digest.onVigie'))}</a></p>${note}${it.excerpt ? `<p>${esc(it.excerpt)}</p>` : ''}</div>`;
}

/** The digest body as HTML (no inlining): the e-mail wraps it, the feed and the web archive reuse it. `t`: in m.lang. */
export function renderDigestBody(m: DigestModel, shown: number, links: Pick<DigestLinks, 'web'>, t: Translate): string {
  const visible = m.items.slice(0, shown);
  const out: string[] = [];
  for (const section of SECTIONS) {
    const its = visible.filter((i) => i.section === section);
    if (!its.length) continue;
    out.push(`<h2>${esc(t(`digest.section.${section}`))}</h2>`, ...its.map((i) => itemHtml(t, m, i)));
  }
  const more = shown >= m.total ? 0 : m.total - visible.length;
  if (more > 0) out.push(`<p class="more"><a href="${esc(links.web)}">${esc(t('digest.more', { count: more }))}</a></p>`);
  return out.join('\n');
}

/** Inlined HTML by content: a run passes one, so members with the same digest share one juice pass. */
export type InlineCache = Map<string, string>;

function inline(html: string, cache?: InlineCache): string {
  const key = cache ? createHash('sha1').update(html).digest('base64') : '';
  let out = cache?.get(key);
  if (out === undefined) {
    out = juice(html, { preserveMediaQueries: true, removeStyleTags: false, applyWidthAttributes: true, applyHeightAttributes: false });
    if (cache) {
      if (cache.size > 2000) cache.clear();
      cache.set(key, out);
    }
  }
  return out;
}

/** The e-mail of a digest; `t` translates into the digest's language (m.lang). */
export function renderDigestEmail(m: DigestModel, links: DigestLinks, t: Translate, cache?: InlineCache): RenderedDigest {
  const subject = title(t, m);
  const body = renderDigestBody(m, m.cap, { web: P.web }, t);
  const freq = t(`digest.frequency.${m.frequency}`);
  const template = `<!DOCTYPE html><html lang="${m.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark"><title>${esc(subject)}</title><style>${CSS}</style></head>
<body><table role="presentation" class="wrap" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
<table role="presentation" class="card" width="600" cellpadding="0" cellspacing="0"><tr><td class="pad">
<h1>${esc(subject)}</h1><p class="meta">${esc(t('digest.period', { from: localDate(m.periodStart, m.timeZone), to: localDate(m.periodEnd, m.timeZone) }))} · <a href="${P.web}">${esc(t('digest.viewWeb'))}</a></p>
${body}
</td></tr><tr><td class="foot">${esc(t('digest.footer', { label: m.label, frequency: freq }))}<br><a href="${P.manage}">${esc(t('digest.manage'))}</a> · <a href="${P.unsubscribe}">${esc(t('digest.unsubscribe'))}</a></td></tr></table>
</td></tr></table></body></html>`;
  const html = inline(template, cache).replaceAll(P.web, esc(links.web)).replaceAll(P.unsubscribe, esc(links.unsubscribe)).replaceAll(P.manage, esc(links.manage));
  return { subject, html, text: renderDigestText(t, m, links, subject) };
}

function renderDigestText(t: Translate, m: DigestModel, links: DigestLinks, subject: string): string {
  const lines = [subject, '='.repeat(Math.min(subject.length, 72)), t('digest.period', { from: localDate(m.periodStart, m.timeZone), to: localDate(m.periodEnd, m.timeZone) }), ''];
  const visible = m.items.slice(0, m.cap);
  for (const section of SECTIONS) {
    const its = visible.filter((i) => i.section === section);
    if (!its.length) continue;
    const h = t(`digest.section.${section}`).toUpperCase();
    lines.push(h, '-'.repeat(h.length));
    for (const it of its) {
      lines.push(`* ${it.title}`, `  ${itemMeta(t, m, it)}`, `  ${it.url ?? it.permalink}`);
      if (it.note) lines.push(`  > ${it.section === 'approved' ? t('digest.curatorNote') : t('digest.signalWhy')} ${it.note}`);
      lines.push('');
    }
  }
  const more = Math.max(0, m.total - visible.length);
  if (more > 0) lines.push(`${t('digest.more', { count: more })}: ${links.web}`, '');
  lines.push('-- ', t('digest.footer', { label: m.label, frequency: t(`digest.frequency.${m.frequency}`) }), `${t('digest.viewWeb')}: ${links.web}`, `${t('digest.manage')}: ${links.manage}`, `${t('digest.unsubscribe')}: ${links.unsubscribe}`);
  return `${lines.join('\n')}\n`;
}
