ALTER TABLE "people" ADD COLUMN "default_method_id" uuid;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "default_channel" text;