CREATE TABLE `digest_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`issue_id` integer NOT NULL,
	`run_id` integer NOT NULL,
	`email` text NOT NULL,
	`message_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT 0 NOT NULL,
	`smtp_response` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`issue_id`) REFERENCES `digest_issues`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digest_deliveries_issue_id_unique` ON `digest_deliveries` (`issue_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `digest_deliveries_message_id_unique` ON `digest_deliveries` (`message_id`);--> statement-breakpoint
CREATE INDEX `digest_deliveries_status` ON `digest_deliveries` (`status`,`id`);--> statement-breakpoint
CREATE TABLE `digest_issues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscription_id` integer NOT NULL,
	`run_id` integer,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`entries` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`subscription_id`) REFERENCES `digest_subscriptions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digest_issues_period` ON `digest_issues` (`subscription_id`,`period_end`);--> statement-breakpoint
CREATE TABLE `digest_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`owner` text NOT NULL,
	`trigger` text NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`built` integer DEFAULT 0 NOT NULL,
	`sent` integer DEFAULT 0 NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE TABLE `digest_sent_items` (
	`user_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`issue_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `item_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `digest_subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`topic_id` integer,
	`tag_name` text,
	`saved_search_id` integer,
	`label` text NOT NULL,
	`frequency` text DEFAULT 'daily' NOT NULL,
	`day` integer DEFAULT 1 NOT NULL,
	`hour` integer DEFAULT 8 NOT NULL,
	`time_zone` text NOT NULL,
	`lang` text NOT NULL,
	`official` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`paused_reason` text,
	`token` text NOT NULL,
	`next_due_at` integer NOT NULL,
	`last_period_end` integer,
	`author_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`saved_search_id`) REFERENCES `saved_searches`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digest_subscriptions_token_unique` ON `digest_subscriptions` (`token`);--> statement-breakpoint
CREATE INDEX `digest_subs_due` ON `digest_subscriptions` (`status`,`next_due_at`);--> statement-breakpoint
CREATE INDEX `digest_subs_user` ON `digest_subscriptions` (`user_id`);