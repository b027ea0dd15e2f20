import { index, integer, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts, users } from './accounts.js';
import { contacts } from './contacts.js';
import { labels } from './conversations.js';

/** Labels on a contact (Chatwoot tags contacts with the same account labels as conversations). */
export const contactLabels = pgTable(
  'contact_labels',
  {
    contactId: integer('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    labelId: integer('label_id').notNull().references(() => labels.id, { onDelete: 'cascade' }),
  },
  (table) => [
    primaryKey({ columns: [table.contactId, table.labelId] }),
    // Serves the `labels` condition of contact filters (contacts carrying a label).
    index('contact_labels_label_idx').on(table.labelId),
  ],
);

/** Notes agents keep about a contact; Markdown, rendered sanitised by the console. */
export const contactNotes = pgTable(
  'contact_notes',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    // Kept when the author leaves the account, so the note stays (without an author to show).
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    content: text('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('contact_notes_contact_idx').on(table.contactId, table.createdAt)],
);
