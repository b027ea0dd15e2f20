import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts, users } from './accounts.js';

/**
 * Who changed what in an account (Chatwoot's audit_logs). Each row is written in the same
 * transaction as the change it describes, so a rolled-back change leaves no entry and a committed
 * one always has its entry.
 */
export const auditLogs = pgTable(
  'audit_logs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    // Null for changes nobody signed in made (a failed sign-in names the user it tried instead).
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    // The user's name at the time, so the entry stays readable after they are removed.
    username: text('username'),
    // `create`, `update`, `destroy`, `sign_in`, `sign_in_failed`, `role_assigned`.
    action: text('action').notNull(),
    // Chatwoot's class names: Account, Inbox, User, Team, Label, Webhook, AutomationRule, CustomRole.
    auditableType: text('auditable_type').notNull(),
    auditableId: integer('auditable_id'),
    // What changed: `{ field: [before, after] }` for updates, the new or removed values otherwise.
    auditedChanges: jsonb('audited_changes').$type<Record<string, unknown>>().notNull().default({}),
    remoteAddress: text('remote_address'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('audit_logs_account_id_idx').on(table.accountId, table.id), index('audit_logs_account_user_idx').on(table.accountId, table.userId, table.id)],
);

export type AuditLogRow = typeof auditLogs.$inferSelect;
