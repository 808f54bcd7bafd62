CREATE TABLE "push_activations" (
	"id" text PRIMARY KEY NOT NULL,
	"method_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"tries" integer DEFAULT 0 NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "push_challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"method_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"number_hash" text NOT NULL,
	"number_digits" integer NOT NULL,
	"nonce" text NOT NULL,
	"context" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"shown_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"consumed_at" timestamp with time zone,
	"counted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "push_devices" (
	"method_id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"public_key_jwk" text NOT NULL,
	"device_name" text NOT NULL,
	"activated_at" timestamp with time zone NOT NULL,
	"suspended_at" timestamp with time zone,
	"suspended_reason" text,
	"push_subscription" jsonb,
	"last_seen_at" timestamp with time zone,
	"linked_totp_method_id" uuid
);
--> statement-breakpoint
ALTER TABLE "push_activations" ADD CONSTRAINT "push_activations_method_id_mfa_methods_id_fk" FOREIGN KEY ("method_id") REFERENCES "public"."mfa_methods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_activations" ADD CONSTRAINT "push_activations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_challenges" ADD CONSTRAINT "push_challenges_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_challenges" ADD CONSTRAINT "push_challenges_method_id_mfa_methods_id_fk" FOREIGN KEY ("method_id") REFERENCES "public"."mfa_methods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_devices" ADD CONSTRAINT "push_devices_method_id_mfa_methods_id_fk" FOREIGN KEY ("method_id") REFERENCES "public"."mfa_methods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_devices" ADD CONSTRAINT "push_devices_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_devices" ADD CONSTRAINT "push_devices_linked_totp_method_id_mfa_methods_id_fk" FOREIGN KEY ("linked_totp_method_id") REFERENCES "public"."mfa_methods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "push_activations_method_idx" ON "push_activations" USING btree ("method_id");--> statement-breakpoint
CREATE INDEX "push_challenges_owner_idx" ON "push_challenges" USING btree ("owner_id","created_at");--> statement-breakpoint
CREATE INDEX "push_challenges_person_idx" ON "push_challenges" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "push_challenges_method_idx" ON "push_challenges" USING btree ("method_id","status");