CREATE INDEX "tickets_created_idx" ON "tickets" USING btree ("created_at","number");--> statement-breakpoint
CREATE INDEX "tickets_assignee_idx" ON "tickets" USING btree ("assignee_id","created_at","number");--> statement-breakpoint
CREATE INDEX "tickets_priority_idx" ON "tickets" USING btree ("priority","created_at","number");--> statement-breakpoint
CREATE INDEX "tickets_status_created_idx" ON "tickets" USING btree ("status","created_at","number");--> statement-breakpoint
CREATE INDEX "tickets_requester_idx" ON "tickets" USING btree ("requester_username");--> statement-breakpoint
CREATE INDEX "tickets_error_code_idx" ON "tickets" USING btree ("error_code");