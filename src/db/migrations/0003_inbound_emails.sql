CREATE TABLE `inbound_emails` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_id` integer,
	`via` text NOT NULL,
	`received_at` integer NOT NULL,
	`sender` text,
	`recipients` text DEFAULT '[]' NOT NULL,
	`message_id` text,
	`subject` text,
	`from_header` text,
	`size` integer NOT NULL,
	`raw` blob NOT NULL,
	`status` text NOT NULL,
	`item_id` integer,
	`confirm_url` text,
	`links` text DEFAULT '[]' NOT NULL,
	`removed_links` text DEFAULT '[]' NOT NULL,
	`error` text,
	`handled_at` integer,
	`processed_at` integer NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `inbound_emails_source` ON `inbound_emails` (`source_id`,`received_at`);--> statement-breakpoint
CREATE INDEX `inbound_emails_sender` ON `inbound_emails` (`source_id`,`sender`,`received_at`);--> statement-breakpoint
CREATE INDEX `inbound_emails_message` ON `inbound_emails` (`source_id`,`message_id`);--> statement-breakpoint
CREATE INDEX `inbound_emails_status` ON `inbound_emails` (`status`,`received_at`);