CREATE TABLE `fetch_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`started_at` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`status` text NOT NULL,
	`http_status` integer,
	`bytes` integer,
	`items_seen` integer DEFAULT 0 NOT NULL,
	`items_new` integer DEFAULT 0 NOT NULL,
	`items_updated` integer DEFAULT 0 NOT NULL,
	`error` text,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `fetch_log_source` ON `fetch_log` (`source_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `source_topics` (
	`source_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	PRIMARY KEY(`source_id`, `topic_id`),
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `source_topics_topic` ON `source_topics` (`topic_id`);--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`kind` text NOT NULL,
	`name` text,
	`url` text,
	`settings` text DEFAULT '{}' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`lang` text,
	`enabled` integer DEFAULT true NOT NULL,
	`origin` text DEFAULT 'app' NOT NULL,
	`interval_ms` integer,
	`etag` text,
	`last_modified` text,
	`last_fetch_at` integer,
	`last_success_at` integer,
	`last_status` text,
	`last_error` text,
	`error_count` integer DEFAULT 0 NOT NULL,
	`next_fetch_at` integer DEFAULT 0 NOT NULL,
	`current_interval_ms` integer,
	`guids_unique` integer DEFAULT true NOT NULL,
	`feed_title` text,
	`feed_link` text,
	`item_count` integer DEFAULT 0 NOT NULL,
	`deleted_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sources_slug_unique` ON `sources` (`slug`);--> statement-breakpoint
CREATE INDEX `sources_next_fetch` ON `sources` (`enabled`,`next_fetch_at`);--> statement-breakpoint
CREATE TABLE `topics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`public` integer DEFAULT true NOT NULL,
	`origin` text DEFAULT 'app' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `topics_slug_unique` ON `topics` (`slug`);--> statement-breakpoint
CREATE TABLE `item_bands` (
	`band` integer NOT NULL,
	`item_id` integer NOT NULL,
	`published_at` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `item_bands_band` ON `item_bands` (`band`,`published_at`);--> statement-breakpoint
CREATE INDEX `item_bands_item` ON `item_bands` (`item_id`);--> statement-breakpoint
CREATE TABLE `items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer NOT NULL,
	`dedupe_key` text NOT NULL,
	`guid` text,
	`url` text,
	`canonical_url` text,
	`title` text,
	`author` text,
	`summary` text,
	`content_html` text,
	`content_text` text,
	`categories` text DEFAULT '[]' NOT NULL,
	`enclosures` text DEFAULT '[]' NOT NULL,
	`lang` text,
	`published_at` integer NOT NULL,
	`published_from_feed` integer DEFAULT true NOT NULL,
	`first_seen_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`content_hash` text NOT NULL,
	`simhash` text,
	`cluster_id` integer,
	`deleted_at` integer,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `items_source_key` ON `items` (`source_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `items_published` ON `items` (`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `items_source_published` ON `items` (`source_id`,`published_at`);--> statement-breakpoint
CREATE INDEX `items_cluster` ON `items` (`cluster_id`);--> statement-breakpoint
CREATE INDEX `items_canonical` ON `items` (`canonical_url`);--> statement-breakpoint
CREATE TABLE `leases` (
	`key` text PRIMARY KEY NOT NULL,
	`owner` text NOT NULL,
	`claimed_until` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	`op` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT 0 NOT NULL,
	`done_at` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `outbox_pending` ON `outbox` (`done_at`,`next_attempt_at`,`id`);