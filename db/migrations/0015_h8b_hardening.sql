ALTER TABLE "outbox_messages" ADD COLUMN "provider" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "status_link_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "status_link_revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
-- hand-written
UPDATE "tickets" SET "closed_at" = "updated_at" WHERE "status" = 'closed';--> statement-breakpoint
UPDATE "outbox_messages" SET "content_envelope" = NULL WHERE "state" = 'dead';
