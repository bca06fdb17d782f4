import type { Sqlite } from '../db/client.js';
import { writeAudit, type Actor } from './audit.js';
import { liveItemIdsOfTopic } from '../db/items/ids-of-topic.js';
import { enqueueOutbox } from '../db/search/outbox.js';

export interface Topic {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  public: boolean;
  origin: 'file' | 'app';
}

export function listAllTopics(sqlite: Sqlite): Topic[] {
  return (sqlite.prepare(`SELECT id, slug, name, description, public, origin FROM topics ORDER BY name`).all() as (Omit<Topic, 'public'> & { public: number })[]).map((t) => ({ ...t, public: t.public === 1 }));
}

export function getTopic(sqlite: Sqlite, slug: string): Topic | null {
  const t = sqlite.prepare(`SELECT id, slug, name, description, public, origin FROM topics WHERE slug = ?`).get(slug) as (Omit<Topic, 'public'> & { public: number }) | undefined;
  return t ? { ...t, public: t.public === 1 } : null;
}

/** Creates a topic in the app; fails as a value when the slug is taken. */
export function createTopic(sqlite: Sqlite, actor: Actor, t: { slug: string; name: string; description?: string | null; public: boolean }, now: number): { ok: true; topic: Topic } | { ok: false; message: string } {
  if (getTopic(sqlite, t.slug)) return { ok: false, message: `a topic '${t.slug}' already exists` };
  sqlite.transaction(() => {
    const id = Number(
      sqlite
        .prepare(`INSERT INTO topics (slug, name, description, public, origin, created_at, updated_at) VALUES (?, ?, ?, ?, 'app', ?, ?)`)
        .run(t.slug, t.name, t.description ?? null, t.public ? 1 : 0, now, now).lastInsertRowid,
    );
    writeAudit(sqlite, actor, { action: 'topic.create', topicId: id, targetType: 'topic', targetId: id, detail: { ...t } }, now);
  })();
  return { ok: true, topic: getTopic(sqlite, t.slug)! };
}

/** Edits a topic created in the app (feeds.yaml wins for the topics it declares). */
export function updateTopic(sqlite: Sqlite, actor: Actor, topic: Topic, u: { name?: string; description?: string | null; public?: boolean }, now: number): Topic {
  sqlite.transaction(() => {
    sqlite
      .prepare(`UPDATE topics SET name = ?, description = ?, public = ?, updated_at = ? WHERE id = ?`)
      .run(u.name ?? topic.name, u.description === undefined ? topic.description : u.description, (u.public ?? topic.public) ? 1 : 0, now, topic.id);
    writeAudit(sqlite, actor, { action: 'topic.update', topicId: topic.id, targetType: 'topic', targetId: topic.id, detail: { ...u } }, now);
    // Visibility decides who may read the topic's items: they are reindexed so search applies it.
    if (u.public !== undefined && u.public !== topic.public) {
      enqueueOutbox(sqlite, liveItemIdsOfTopic(sqlite, topic.id), 'upsert', now);
    }
  })();
  return getTopic(sqlite, topic.slug)!;
}

export function topicJson(t: Topic) {
  return { slug: t.slug, name: t.name, description: t.description, public: t.public, origin: t.origin };
}
