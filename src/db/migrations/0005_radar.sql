CREATE TABLE `radar_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` integer,
	`term` text NOT NULL,
	`action` text NOT NULL,
	`score` real NOT NULL,
	`suggestion_id` integer,
	`flag_id` integer,
	`author_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `radar_decisions_term` ON `radar_decisions` (`topic_id`,`term`);--> statement-breakpoint
CREATE TABLE `radar_suggestions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`day` text NOT NULL,
	`topic_id` integer,
	`term` text NOT NULL,
	`label` text NOT NULL,
	`rank` integer NOT NULL,
	`score` real NOT NULL,
	`sources` integer NOT NULL,
	`evidence` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `radar_suggestions_day` ON `radar_suggestions` (`day`,`topic_id`,`rank`);