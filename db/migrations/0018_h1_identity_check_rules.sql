ALTER TABLE "factor_lockouts" ADD COLUMN "daily_cleared_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reset_approvals" ADD COLUMN "phone_lost" boolean DEFAULT false NOT NULL;