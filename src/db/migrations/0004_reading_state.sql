CREATE TABLE `item_reads` (
	`user_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`read_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `item_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `item_reads_item` ON `item_reads` (`item_id`);--> statement-breakpoint
CREATE TABLE `user_prefs` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`locale` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
