ALTER TABLE "outbox_messages" ADD COLUMN "call_mode" text;--> statement-breakpoint
ALTER TABLE "simulated_inbox" ADD COLUMN "call_mode" text;