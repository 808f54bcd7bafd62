CREATE TABLE "caller_verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"method_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"verified_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"used_at" timestamp with time zone,
	"used_for" text
);
--> statement-breakpoint
ALTER TABLE "caller_verifications" ADD CONSTRAINT "caller_verifications_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caller_verifications" ADD CONSTRAINT "caller_verifications_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "caller_verifications" ADD CONSTRAINT "caller_verifications_agent_id_people_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "caller_verifications_ticket_idx" ON "caller_verifications" USING btree ("ticket_id","created_at");