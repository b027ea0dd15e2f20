-- Contact search and the contains / does_not_contain filter conditions use ILIKE '%…%', which no
-- b-tree serves; trigram GIN indexes keep them fast at 100k contacts. pg_trgm ships with Postgres
-- (and embedded-postgres) as a contrib extension.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contacts_name_trgm_idx" ON "contacts" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contacts_email_trgm_idx" ON "contacts" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contacts_phone_trgm_idx" ON "contacts" USING gin ("phone_number" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contacts_identifier_trgm_idx" ON "contacts" USING gin ("identifier" gin_trgm_ops);
