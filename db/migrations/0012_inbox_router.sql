CREATE TABLE "router_notices" (
	"inbox_id" integer PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "automatic_assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"inbox_id" integer NOT NULL,
	"conversation_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_memberships" ADD COLUMN "presence_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "max_open_conversations_per_agent" integer;--> statement-breakpoint
ALTER TABLE "inbox_members" ADD COLUMN "max_assignment_limit" integer;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "max_assignment_limit" integer;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "assignment_strategy" text DEFAULT 'round_robin' NOT NULL;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "assignment_queue_order" text DEFAULT 'oldest_created' NOT NULL;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "fair_distribution_limit" integer;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "fair_distribution_window_seconds" integer DEFAULT 3600 NOT NULL;--> statement-breakpoint
ALTER TABLE "router_notices" ADD CONSTRAINT "router_notices_inbox_id_inboxes_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."inboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automatic_assignments" ADD CONSTRAINT "automatic_assignments_inbox_id_inboxes_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."inboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automatic_assignments" ADD CONSTRAINT "automatic_assignments_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automatic_assignments" ADD CONSTRAINT "automatic_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "automatic_assignments_inbox_user_idx" ON "automatic_assignments" USING btree ("inbox_id","user_id","assigned_at");--> statement-breakpoint
CREATE INDEX "automatic_assignments_inbox_idx" ON "automatic_assignments" USING btree ("inbox_id","id");--> statement-breakpoint
CREATE INDEX "conversations_router_queue_idx" ON "conversations" USING btree ("inbox_id","created_at","id") WHERE status = 'open' and assignee_id is null;--> statement-breakpoint
CREATE INDEX "conversations_open_load_idx" ON "conversations" USING btree ("assignee_id","inbox_id") WHERE status = 'open' and assignee_id is not null;