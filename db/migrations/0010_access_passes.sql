CREATE TABLE "access_passes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"pass_hash" text NOT NULL,
	"issued_by" uuid NOT NULL,
	"ticket_id" uuid,
	"delivered_via" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "sign_in_attempts" ADD COLUMN "access_pass_id" uuid;--> statement-breakpoint
ALTER TABLE "mfa_methods" ADD COLUMN "enrolled_with_pass_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "access_passes" ADD CONSTRAINT "access_passes_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_passes" ADD CONSTRAINT "access_passes_issued_by_people_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_passes" ADD CONSTRAINT "access_passes_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_passes_person_idx" ON "access_passes" USING btree ("person_id","created_at");