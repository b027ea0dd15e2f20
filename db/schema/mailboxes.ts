import { bigint, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { inboxes } from './inboxes.js';

export const mailboxConnectionStates = ['connecting', 'connected', 'failing'] as const;
export type MailboxConnectionState = (typeof mailboxConnectionStates)[number];

/**
 * An email inbox's IMAP mailbox as the `mailbox-<inboxId>` poller last saw it: the connection state
 * the inbox settings show, and how far import got (UIDs are only comparable under one UIDVALIDITY).
 */
export const mailboxStates = pgTable('mailbox_states', {
  inboxId: integer('inbox_id')
    .primaryKey()
    .references(() => inboxes.id, { onDelete: 'cascade' }),
  accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  state: text('state', { enum: mailboxConnectionStates }).notNull().default('connecting'),
  failingSince: timestamp('failing_since', { withTimezone: true }),
  lastError: text('last_error'),
  lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
  uidValidity: bigint('uid_validity', { mode: 'number' }),
  lastUid: bigint('last_uid', { mode: 'number' }).notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
