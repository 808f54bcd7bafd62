CREATE TABLE "callback_receipts" (
	"signature" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "max_attempts" integer DEFAULT 5 NOT NULL;