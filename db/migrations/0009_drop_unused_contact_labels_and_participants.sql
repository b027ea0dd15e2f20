DROP TABLE "contact_labels" CASCADE;--> statement-breakpoint
DROP TABLE "conversation_participants" CASCADE;