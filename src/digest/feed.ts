/** A subscription's digests as an Atom or RSS feed: one entry per issue, its content the digest itself. */
import type { Sqlite } from '../db/client.js';
import type { I18n } from '../lib/i18n.js';
import { readPackageVersion } from '../lib/paths.js';
import { renderAtom } from '../publish/atom.js';
import { instanceNamespace, uuidV5 } from '../publish/ids.js';
import type { Feed } from '../publish/model.js';
import { renderRss } from '../publish/rss.js';
import { digestModel, listIssues } from './issues.js';
import { digestLinks } from './model.js';
import { renderDigestBody } from './render.js';
import { localDate } from './schedule.js';
import type { Subscription } from './subscriptions.js';

export function digestFeed(sqlite: Sqlite, sub: Subscription, publicUrl: string, now: number, feedKey: string | null, i18n: I18n): Feed {
  const t = i18n.translator(sub.lang);
  const ns = instanceNamespace(sqlite, now);
  const issues = listIssues(sqlite, sub.id, 30);
  const q = feedKey ? `?key=${encodeURIComponent(feedKey)}` : '';
  const home = `${publicUrl}/digests/${sub.id}`;
  return {
    id: `urn:uuid:${uuidV5(ns, `digest:${sub.id}`)}`,
    title: t('digest.feed.title', { label: sub.label }),
    description: t('digest.feed.description', { label: sub.label, frequency: t(`digest.frequency.${sub.frequency}`) }),
    language: sub.lang,
    homeUrl: home,
    urls: { atom: `${home}/feed.atom${q}`, rss: `${home}/feed.rss${q}`, json: `${home}/feed.atom${q}` },
    hub: null,
    updated: issues[0]?.createdAt ?? sub.createdAt,
    generator: { name: 'Vigie', version: readPackageVersion() },
    entries: issues.map((issue) => {
      const model = digestModel(sqlite, sub, issue, publicUrl, Number.MAX_SAFE_INTEGER);
      const link = digestLinks(publicUrl, sub, issue.id).web;
      return {
        id: `urn:uuid:${uuidV5(ns, `digest-issue:${issue.id}`)}`,
        title: t('digest.email.subject', { label: sub.label, date: localDate(issue.periodEnd, sub.timeZone) }),
        link,
        permalink: link,
        contentHtml: renderDigestBody(model, model.total, { web: link }, t),
        summary: t('digest.feed.count', { count: model.items.length }),
        published: issue.createdAt,
        updated: issue.createdAt,
        author: null,
        source: { name: 'Vigie', feedUrl: null, homeUrl: home },
        tags: [],
        lang: sub.lang,
      };
    }),
  };
}

export const renderDigestFeed = (feed: Feed, format: 'atom' | 'rss') => (format === 'atom' ? renderAtom(feed) : renderRss(feed));
