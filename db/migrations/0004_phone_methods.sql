CREATE TABLE "one_time_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"method_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"channel" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"message_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"superseded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "phone_numbers" (
	"method_id" uuid PRIMARY KEY NOT NULL,
	"e164" text NOT NULL,
	"country" text,
	"role" text NOT NULL,
	"extension" text,
	"verified_at" timestamp with time zone,
	"suspended_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "sign_in_attempts" ADD COLUMN "selected_method_id" uuid;--> statement-breakpoint
ALTER TABLE "sign_in_attempts" ADD COLUMN "selected_channel" text;--> statement-breakpoint
ALTER TABLE "sign_in_events" ADD COLUMN "selected_method_id" uuid;--> statement-breakpoint
ALTER TABLE "sign_in_events" ADD COLUMN "selected_channel" text;--> statement-breakpoint
ALTER TABLE "one_time_codes" ADD CONSTRAINT "one_time_codes_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "one_time_codes" ADD CONSTRAINT "one_time_codes_method_id_mfa_methods_id_fk" FOREIGN KEY ("method_id") REFERENCES "public"."mfa_methods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_numbers" ADD CONSTRAINT "phone_numbers_method_id_mfa_methods_id_fk" FOREIGN KEY ("method_id") REFERENCES "public"."mfa_methods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "one_time_codes_owner_idx" ON "one_time_codes" USING btree ("owner_id","purpose","created_at");