import { sql } from 'drizzle-orm';
import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts, users } from './accounts.js';
import { conversations } from './conversations.js';

/**
 * An outside party (owner, appraiser…) who signs in to an account's guest portal with e-mail and
 * password. Not a user: guests have their own sessions and can never reach the console or /api/v1.
 */
export const guests = pgTable(
  'guests',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    // Stored lower-cased so sign-in and uniqueness ignore case.
    email: text('email').notNull(),
    // Argon2id, like agents' passwords; never shown again once set.
    passwordHash: text('password_hash').notNull(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('guests_account_email_unique').on(table.accountId, table.email)],
);

/** One conversation given to one guest by an agent; revoking it ends the guest's sessions at once. */
export const guestAccesses = pgTable(
  'guest_accesses',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    guestId: integer('guest_id').notNull().references(() => guests.id, { onDelete: 'cascade' }),
    conversationId: integer('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    // One live access per guest and conversation: creating it again for the same e-mail reuses it.
    uniqueIndex('guest_accesses_live_unique').on(table.guestId, table.conversationId).where(sql`revoked_at is null`),
    // Serves "Manage external access" of one conversation.
    index('guest_accesses_conversation_idx').on(table.conversationId),
  ],
);

export const guestSessions = pgTable(
  'guest_sessions',
  {
    id: serial('id').primaryKey(),
    guestId: integer('guest_id').notNull().references(() => guests.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('guest_sessions_token_hash_unique').on(table.tokenHash),
    index('guest_sessions_guest_idx').on(table.guestId).where(sql`revoked_at is null`),
  ],
);

/** A one-time link that lets a guest choose their password (first access, forgotten password, reset). */
export const guestPasswordTokens = pgTable(
  'guest_password_tokens',
  {
    id: serial('id').primaryKey(),
    guestId: integer('guest_id').notNull().references(() => guests.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('guest_password_tokens_hash_unique').on(table.tokenHash)],
);
