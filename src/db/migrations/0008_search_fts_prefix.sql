-- A cheaper full-text index (FTS5 is the fallback engine; Meilisearch indexes whole bodies): title, author and
-- categories as before, only the first 1,000 characters of the text (the lede, where a news item says what it is
-- about), and the summary only when it is not the start of that text (normalisation derives most summaries from the
-- text: indexing them twice doubled the work for no word more). The content is a view over `items` so snippet(),
-- highlight() and the 'delete' commands read exactly what was indexed. Larger merges (automerge 8) write less.
DROP TRIGGER IF EXISTS `items_fts_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `items_fts_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `items_fts_update`;
--> statement-breakpoint
DROP TABLE IF EXISTS `items_fts`;
--> statement-breakpoint
CREATE VIEW `items_fts_content` AS
  SELECT id, title, CASE WHEN instr(content_text, rtrim(summary, '…')) = 1 THEN NULL ELSE summary END AS summary,
    substr(content_text, 1, 1000) AS body, author, categories FROM items;
--> statement-breakpoint
CREATE VIRTUAL TABLE `items_fts` USING fts5(
  title, summary, body, author, categories,
  content='items_fts_content', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO items_fts(items_fts, rank) VALUES ('automerge', 8);
--> statement-breakpoint
CREATE TRIGGER `items_fts_insert` AFTER INSERT ON `items` BEGIN
  INSERT INTO items_fts(rowid, title, summary, body, author, categories)
  VALUES (new.id, new.title, CASE WHEN instr(new.content_text, rtrim(new.summary, '…')) = 1 THEN NULL ELSE new.summary END, substr(new.content_text, 1, 1000), new.author, new.categories);
END;
--> statement-breakpoint
CREATE TRIGGER `items_fts_delete` AFTER DELETE ON `items` BEGIN
  INSERT INTO items_fts(items_fts, rowid, title, summary, body, author, categories)
  VALUES ('delete', old.id, old.title, CASE WHEN instr(old.content_text, rtrim(old.summary, '…')) = 1 THEN NULL ELSE old.summary END, substr(old.content_text, 1, 1000), old.author, old.categories);
END;
--> statement-breakpoint
CREATE TRIGGER `items_fts_update` AFTER UPDATE OF title, summary, content_text, author, categories ON `items` BEGIN
  INSERT INTO items_fts(items_fts, rowid, title, summary, body, author, categories)
  VALUES ('delete', old.id, old.title, CASE WHEN instr(old.content_text, rtrim(old.summary, '…')) = 1 THEN NULL ELSE old.summary END, substr(old.content_text, 1, 1000), old.author, old.categories);
  INSERT INTO items_fts(rowid, title, summary, body, author, categories)
  VALUES (new.id, new.title, CASE WHEN instr(new.content_text, rtrim(new.summary, '…')) = 1 THEN NULL ELSE new.summary END, substr(new.content_text, 1, 1000), new.author, new.categories);
END;
--> statement-breakpoint
INSERT INTO items_fts(items_fts) VALUES ('rebuild');
