import { index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts, users } from './accounts.js';

/** Chatwoot's saved views: a named filter payload for the contacts page or the conversation list, per user. */
export const customFilters = pgTable(
  'custom_filters',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    filterType: text('filter_type', { enum: ['contact', 'conversation'] }).notNull(),
    // Chatwoot's `{ payload: [...] }`, validated by the filter compiler before it is stored.
    query: jsonb('query').$type<{ payload: unknown[] }>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('custom_filters_owner_idx').on(table.accountId, table.userId, table.filterType)],
);
