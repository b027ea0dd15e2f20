import { integer, jsonb, pgTable, primaryKey, timestamp } from 'drizzle-orm/pg-core';
import { accounts, users } from './accounts.js';

/**
 * A user's notification preferences in one account (Chatwoot's notification_settings): per kind,
 * which channels tell them. A missing row, kind or channel means the default (core/domain/notification-preferences.ts).
 */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    preferences: jsonb('preferences').$type<Record<string, Record<string, boolean>>>().notNull().default({}),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.accountId, table.userId] })],
);
