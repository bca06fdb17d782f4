import type { Sqlite } from '../db/client.js';
import { liveItemIdsOfTopic } from '../db/items/of-topic.js';
import { getTopic, insertAppTopic, listAllTopics, updateTopicRow, type Topic } from '../db/topics/topics.js';

export { getTopic, listAllTopics, type Topic };
import { enqueueItems } from '../db/search/outbox.js';
import { writeAudit, type Actor } from './audit.js';

/** Creates a topic in the app; fails as a value when the slug is taken. */
export function createTopic(sqlite: Sqlite, actor: Actor, t: { slug: string; name: string; description?: string | null; public: boolean }, now: number): { ok: true; topic: Topic } | { ok: false; message: string } {
  if (getTopic(sqlite, t.slug)) return { ok: false, message: `a topic '${t.slug}' already exists` };
  sqlite.transaction(() => {
    const id = insertAppTopic(sqlite, t, now);
    writeAudit(sqlite, actor, { action: 'topic.create', topicId: id, targetType: 'topic', targetId: id, detail: { ...t } }, now);
  })();
  return { ok: true, topic: getTopic(sqlite, t.slug)! };
}

/** Edits a topic created in the app (feeds.yaml wins for the topics it declares). */
export function updateTopic(sqlite: Sqlite, actor: Actor, topic: Topic, u: { name?: string; description?: string | null; public?: boolean }, now: number): Topic {
  sqlite.transaction(() => {
    updateTopicRow(sqlite, topic.id, { name: u.name ?? topic.name, description: u.description === undefined ? topic.description : u.description, public: u.public ?? topic.public }, now);
    writeAudit(sqlite, actor, { action: 'topic.update', topicId: topic.id, targetType: 'topic', targetId: topic.id, detail: { ...u } }, now);
    // Visibility decides who may read the topic's items: they are reindexed so search applies it.
    if (u.public !== undefined && u.public !== topic.public) {
      enqueueItems(sqlite, liveItemIdsOfTopic(sqlite, topic.id), now);
    }
  })();
  return getTopic(sqlite, topic.slug)!;
}

export function topicJson(t: Topic) {
  return { slug: t.slug, name: t.name, description: t.description, public: t.public, origin: t.origin };
}
