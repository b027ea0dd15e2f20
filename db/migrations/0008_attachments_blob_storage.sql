ALTER TABLE "attachments" ADD COLUMN "storage_key" text;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "inbox_id" integer;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "uploaded_by_contact_id" integer;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_inbox_id_inboxes_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."inboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_contact_id_contacts_id_fk" FOREIGN KEY ("uploaded_by_contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "attachments_storage_key_unique" ON "attachments" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "attachments_public_contact_created_idx" ON "attachments" USING btree ("uploaded_by_contact_id","created_at") WHERE uploaded_by_contact_id is not null;--> statement-breakpoint
CREATE INDEX "attachments_public_inbox_created_idx" ON "attachments" USING btree ("inbox_id","created_at") WHERE uploaded_by_contact_id is not null;