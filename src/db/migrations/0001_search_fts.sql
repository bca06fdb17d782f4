-- Full-text index of items for the FTS5 search backend (the fallback when Meilisearch is absent or down).
-- External content over `items`, kept current by triggers, so it changes in the same transaction as the item.
-- unicode61 with diacritics removed: "etude" finds "étude".
CREATE VIRTUAL TABLE `items_fts` USING fts5(
  title, summary, content_text, author, categories,
  content='items', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `items_fts_insert` AFTER INSERT ON `items` BEGIN
  INSERT INTO items_fts(rowid, title, summary, content_text, author, categories)
  VALUES (new.id, new.title, new.summary, new.content_text, new.author, new.categories);
END;
--> statement-breakpoint
CREATE TRIGGER `items_fts_delete` AFTER DELETE ON `items` BEGIN
  INSERT INTO items_fts(items_fts, rowid, title, summary, content_text, author, categories)
  VALUES ('delete', old.id, old.title, old.summary, old.content_text, old.author, old.categories);
END;
--> statement-breakpoint
CREATE TRIGGER `items_fts_update` AFTER UPDATE OF title, summary, content_text, author, categories ON `items` BEGIN
  INSERT INTO items_fts(items_fts, rowid, title, summary, content_text, author, categories)
  VALUES ('delete', old.id, old.title, old.summary, old.content_text, old.author, old.categories);
  INSERT INTO items_fts(rowid, title, summary, content_text, author, categories)
  VALUES (new.id, new.title, new.summary, new.content_text, new.author, new.categories);
END;
--> statement-breakpoint
INSERT INTO items_fts(items_fts) VALUES ('rebuild');
--> statement-breakpoint
-- Items deleted for good must leave the index too: the outbox row tells the drain to remove the document.
CREATE TRIGGER `items_outbox_delete` AFTER DELETE ON `items` BEGIN
  INSERT INTO outbox (entity, entity_id, op) VALUES ('item', old.id, 'delete');
END;
--> statement-breakpoint
-- Search documents carry their source's slug, name, language and topics (and whether all are public). Changes to
-- those mark the source dirty in the same transaction; the index sync compares the source's signature and
-- re-queues its items only when it really changed (feeds.yaml sync rewrites topic links at every start).
CREATE TABLE `search_source_state` (
  `source_id` integer PRIMARY KEY NOT NULL,
  `signature` text,
  `dirty` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `sources_search_dirty` AFTER UPDATE OF slug, name, feed_title, lang ON `sources` BEGIN
  INSERT INTO search_source_state (source_id, dirty) VALUES (new.id, 1) ON CONFLICT(source_id) DO UPDATE SET dirty = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `source_topics_search_dirty_insert` AFTER INSERT ON `source_topics` BEGIN
  INSERT INTO search_source_state (source_id, dirty) VALUES (new.source_id, 1) ON CONFLICT(source_id) DO UPDATE SET dirty = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `source_topics_search_dirty_delete` AFTER DELETE ON `source_topics` BEGIN
  INSERT INTO search_source_state (source_id, dirty) VALUES (old.source_id, 1) ON CONFLICT(source_id) DO UPDATE SET dirty = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `topics_search_dirty` AFTER UPDATE OF slug, public ON `topics` BEGIN
  INSERT INTO search_source_state (source_id, dirty) SELECT source_id, 1 FROM source_topics WHERE topic_id = new.id AND true
    ON CONFLICT(source_id) DO UPDATE SET dirty = 1;
END;
