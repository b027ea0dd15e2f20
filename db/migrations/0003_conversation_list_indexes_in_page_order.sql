DROP INDEX "conversations_list_by_assignee_idx";--> statement-breakpoint
DROP INDEX "conversations_list_by_inbox_idx";--> statement-breakpoint
CREATE INDEX "conversations_list_by_status_idx" ON "conversations" USING btree ("account_id","status","last_activity_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_list_by_assignee_idx" ON "conversations" USING btree ("account_id","status","assignee_id","last_activity_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_list_by_inbox_idx" ON "conversations" USING btree ("account_id","status","inbox_id","last_activity_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);