CREATE TABLE "report_rollups" (
	"account_id" integer NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"inbox_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	"label_id" integer NOT NULL,
	"conversations_count" integer DEFAULT 0 NOT NULL,
	"incoming_messages_count" integer DEFAULT 0 NOT NULL,
	"outgoing_messages_count" integer DEFAULT 0 NOT NULL,
	"first_response_count" integer DEFAULT 0 NOT NULL,
	"first_response_ms" bigint DEFAULT 0 NOT NULL,
	"first_response_business_ms" bigint DEFAULT 0 NOT NULL,
	"reply_time_count" integer DEFAULT 0 NOT NULL,
	"reply_time_ms" bigint DEFAULT 0 NOT NULL,
	"reply_time_business_ms" bigint DEFAULT 0 NOT NULL,
	"resolutions_count" integer DEFAULT 0 NOT NULL,
	"resolution_ms" bigint DEFAULT 0 NOT NULL,
	"resolution_business_ms" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "report_rollups_account_id_label_id_hour_inbox_id_user_id_team_id_pk" PRIMARY KEY("account_id","label_id","hour","inbox_id","user_id","team_id")
);
--> statement-breakpoint
CREATE TABLE "reporting_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"conversation_id" integer NOT NULL,
	"inbox_id" integer NOT NULL,
	"name" text NOT NULL,
	"source_message_id" integer NOT NULL,
	"value" double precision NOT NULL,
	"value_in_business_hours" double precision NOT NULL,
	"event_start_time" timestamp with time zone NOT NULL,
	"event_end_time" timestamp with time zone NOT NULL,
	"user_id" integer NOT NULL,
	"team_id" integer NOT NULL,
	"label_ids" integer[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_rollups" ADD CONSTRAINT "report_rollups_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_events" ADD CONSTRAINT "reporting_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_events" ADD CONSTRAINT "reporting_events_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_events" ADD CONSTRAINT "reporting_events_inbox_id_inboxes_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."inboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reporting_events_identity_unique" ON "reporting_events" USING btree ("conversation_id","name","source_message_id");--> statement-breakpoint
CREATE INDEX "reporting_events_account_name_end_idx" ON "reporting_events" USING btree ("account_id","name","event_end_time");