ALTER TABLE "inboxes" ADD COLUMN "hmac_token" text DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') NOT NULL;--> statement-breakpoint
ALTER TABLE "inboxes" ADD COLUMN "hmac_mandatory" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "contact_inboxes" ADD COLUMN "hmac_verified" boolean DEFAULT false NOT NULL;