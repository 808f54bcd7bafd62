CREATE TABLE "wizard_run_steps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"step" text NOT NULL,
	"answer" text,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wizard_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"wizard" text NOT NULL,
	"person_id" uuid,
	"locale" text NOT NULL,
	"step" text NOT NULL,
	"answers" jsonb NOT NULL,
	"prefill" jsonb NOT NULL,
	"outcome" text,
	"ticket_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"author" text NOT NULL,
	"author_person_id" uuid,
	"visibility" text NOT NULL,
	"body" text NOT NULL,
	"redactions" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" bigserial NOT NULL,
	"person_id" uuid,
	"submitted_by" text NOT NULL,
	"requester_name" text NOT NULL,
	"requester_username" text NOT NULL,
	"contact_email" text,
	"locale" text NOT NULL,
	"category" text NOT NULL,
	"priority" text NOT NULL,
	"status" text NOT NULL,
	"subject" text NOT NULL,
	"description" text NOT NULL,
	"correlation_id" uuid,
	"display_session_id" text,
	"error_code" text,
	"occurred_at" timestamp with time zone,
	"occurred_at_text" text,
	"page_url" text,
	"wizard_run_id" uuid,
	"wizard_answers" jsonb,
	"browser" text,
	"clock_offset_seconds" integer,
	"diagnosis" jsonb,
	"redactions" jsonb NOT NULL,
	"status_token_hash" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"client_ip" text,
	"assignee_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"first_response_at" timestamp with time zone,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "wizard_run_steps" ADD CONSTRAINT "wizard_run_steps_run_id_wizard_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."wizard_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wizard_runs" ADD CONSTRAINT "wizard_runs_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_messages" ADD CONSTRAINT "ticket_messages_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_messages" ADD CONSTRAINT "ticket_messages_author_person_id_people_id_fk" FOREIGN KEY ("author_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_assignee_id_people_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "wizard_run_steps_run_idx" ON "wizard_run_steps" USING btree ("run_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "wizard_runs_token_hash_key" ON "wizard_runs" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "wizard_runs_person_idx" ON "wizard_runs" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "ticket_messages_ticket_idx" ON "ticket_messages" USING btree ("ticket_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_number_key" ON "tickets" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_idempotency_key" ON "tickets" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_status_token_hash_key" ON "tickets" USING btree ("status_token_hash");--> statement-breakpoint
CREATE INDEX "tickets_person_idx" ON "tickets" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "tickets_queue_idx" ON "tickets" USING btree ("status","priority","created_at");--> statement-breakpoint
CREATE INDEX "tickets_correlation_idx" ON "tickets" USING btree ("correlation_id");