import { boolean, integer, pgTable, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { accounts, users } from './accounts.js';
import { inboxes } from './inboxes.js';

/**
 * Email signatures of an inbox: one per agent, and the inbox's general one (`user_id` null) used
 * when the agent has none or has theirs switched off. Each has its own switch.
 */
export const inboxSignatures = pgTable(
  'inbox_signatures',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    inboxId: integer('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // One per agent per inbox and one general (null user): serves the signature lookup of every outgoing mail.
  (table) => [unique('inbox_signatures_inbox_user_unique').on(table.inboxId, table.userId).nullsNotDistinct()],
);
