PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_approvals` (
	`item_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	`note` text,
	`author_id` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`item_id`, `topic_id`),
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_approvals`("item_id", "topic_id", "note", "author_id", "created_at") SELECT a."item_id", coalesce(a."topic_id", (SELECT min(st.topic_id) FROM items i JOIN source_topics st ON st.source_id = i.source_id WHERE i.id = a.item_id)), a."note", a."author_id", a."created_at" FROM `approvals` a WHERE coalesce(a."topic_id", (SELECT min(st.topic_id) FROM items i JOIN source_topics st ON st.source_id = i.source_id WHERE i.id = a.item_id)) IS NOT NULL;--> statement-breakpoint
DROP TABLE `approvals`;--> statement-breakpoint
ALTER TABLE `__new_approvals` RENAME TO `approvals`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `approvals_created` ON `approvals` (`created_at`);--> statement-breakpoint
CREATE INDEX `approvals_topic` ON `approvals` (`topic_id`,`created_at`);