import { Hono } from 'hono';
import { NotFoundPage } from '../../../web/views/item.js';
import { SignalsPage, type BoardFlag } from '../../../web/views/signals.js';
import { SourcesPage } from '../../../web/views/sources.js';
import { TopicPage, TopicsPage, type TopicCard } from '../../../web/views/topics.js';
import type { Flag } from '../../curation/flags.js';
import { listReadableFlags } from '../../db/curation/flags.js';
import { itemRef } from '../../curation/item-topics.js';
import { canActOn, canCreateTopic, canCurate, canManageMembers, topicRole } from '../../curation/permissions.js';
import { listAllTopics, type Topic } from '../../curation/topics.js';
import { canSeeSourceSecrets, redactUrl } from '../../access/index.js';
import { topicMembers } from '../../db/accounts/topic-members.js';
import { itemTitles } from '../../db/items/titles.js';
import { listSources } from '../../db/sources/list.js';
import { topicCounts } from '../../db/topics/counts.js';
import { listTopics, readableTopic } from '../../db/topics/list.js';
import type { AppDeps } from '../types.js';
import { requestViewer } from '../viewer.js';
import { pageUser, readAllowed, toLogin, viewContext, type PageEnv } from './pages-context.js';

/** Sources (health, add, pause), topics and members, and the weak-signals board. */
export function managePageRoutes(deps: AppDeps) {
  const app = new Hono<PageEnv>();
  const readable = (c: Parameters<typeof pageUser>[0]) => listTopics(deps.sqlite, requestViewer(c, deps));

  app.get('/sources', (c) => {
    if (!readAllowed(deps, c)) return toLogin(c);
    const user = pageUser(c);
    const viewer = requestViewer(c, deps);
    const ctx = viewContext(deps, c);
    const topicSlug = c.req.query('topic') || undefined;
    const topic = topicSlug === undefined ? undefined : readableTopic(deps.sqlite, viewer, topicSlug);
    if (topic === null) return c.html(<NotFoundPage ctx={ctx} message={ctx.t('topics.notFound')} />, 404);
    const sources = listSources(deps.sqlite, viewer, { topic: topic?.slug }).map((s) => ({
      ...s,
      url: canSeeSourceSecrets(viewer, s.topicIds) ? s.url : redactUrl(s.url),
      manageable: s.origin !== 'file' && canCurate(user, s.topicIds),
    }));
    const curatorTopics = user ? listAllTopics(deps.sqlite).filter((t) => canCurate(user, [t.id])).map((t) => ({ slug: t.slug, name: t.name })) : [];
    return c.html(<SourcesPage ctx={ctx} sources={sources} curatorTopics={curatorTopics} />);
  });

  const card = (t: Topic, counts: ReturnType<typeof topicCounts>, role: string | null): TopicCard => ({
    slug: t.slug,
    name: t.name,
    description: t.description,
    public: t.public,
    sources: counts.get(t.slug)?.sources ?? 0,
    items: counts.get(t.slug)?.items ?? 0,
    role,
  });

  app.get('/topics', (c) => {
    if (!readAllowed(deps, c)) return toLogin(c);
    const user = pageUser(c);
    const counts = topicCounts(deps.sqlite);
    const topics = readable(c).map((t) => card(t, counts, topicRole(user, t.id)));
    return c.html(<TopicsPage ctx={viewContext(deps, c)} topics={topics} canCreate={canCreateTopic(user)} />);
  });

  app.get('/topics/:slug', (c) => {
    if (!readAllowed(deps, c)) return toLogin(c);
    const user = pageUser(c);
    const ctx = viewContext(deps, c);
    const t = readable(c).find((x) => x.slug === c.req.param('slug'));
    if (!t) return c.html(<NotFoundPage ctx={ctx} message={ctx.t('topics.notFound')} />, 404);
    const members = canActOn(user, [t.id], 'member') ? topicMembers(deps.sqlite, t.id) : null;
    return c.html(<TopicPage ctx={ctx} topic={card(t, topicCounts(deps.sqlite), topicRole(user, t.id))} members={members} canManage={canManageMembers(user, t.id)} />);
  });

  app.get('/signals', (c) => {
    if (!readAllowed(deps, c)) return toLogin(c);
    const user = pageUser(c);
    const topics = readable(c);
    const topic = topics.find((t) => t.slug === c.req.query('topic'));
    // The flags whose curation this reader reads, each with the items they may read (src/access decides both).
    const shown = listReadableFlags(deps.sqlite, requestViewer(c, deps), { topicId: topic?.id, limit: 300 });
    const titles = itemTitles(deps.sqlite, [...new Set(shown.flatMap((f) => f.items))]);
    const board: BoardFlag[] = shown.map((f: Flag) => ({
      id: f.id,
      topic: f.topic,
      strength: f.strength,
      rationale: f.rationale,
      status: f.status,
      statusReason: f.statusReason,
      public: f.public,
      author: f.author.name,
      createdAt: f.createdAt,
      items: f.items.map((id) => ({ id, title: titles.get(id) ?? `#${id}` })),
      canCurate: canCurate(user, f.topicId !== null ? [f.topicId] : f.items.flatMap((i) => itemRef(deps.sqlite, i)?.topicIds ?? [])),
    }));
    return c.html(<SignalsPage ctx={viewContext(deps, c)} flags={board} topics={topics.map((t) => ({ slug: t.slug, name: t.name }))} topic={topic?.slug} />);
  });
  return app;
}
