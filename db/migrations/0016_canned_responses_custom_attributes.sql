CREATE TABLE "canned_responses" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"short_code" text NOT NULL,
	"content" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custom_attribute_definitions" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"attribute_model" text NOT NULL,
	"attribute_key" text NOT NULL,
	"attribute_display_name" text NOT NULL,
	"attribute_display_type" text NOT NULL,
	"attribute_description" text,
	"attribute_values" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"regex_pattern" text,
	"regex_cue" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "canned_responses" ADD CONSTRAINT "canned_responses_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custom_attribute_definitions" ADD CONSTRAINT "custom_attribute_definitions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "canned_responses_account_short_code_unique" ON "canned_responses" USING btree ("account_id","short_code");--> statement-breakpoint
CREATE UNIQUE INDEX "custom_attribute_definitions_account_model_key_unique" ON "custom_attribute_definitions" USING btree ("account_id","attribute_model","attribute_key");