import { boolean, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, jsonb } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { accounts, users } from './accounts.js';

export const channelTypes = ['web_widget', 'email', 'api', 'portal'] as const;
export type ChannelType = (typeof channelTypes)[number];

/** Channel-specific settings; secrets (IMAP/SMTP passwords) never leave the API in responses. */
export type InboxSettings = {
  websiteUrl?: string;
  widgetColor?: string;
  welcomeTitle?: string;
  welcomeTagline?: string;
  greetingEnabled?: boolean;
  greetingMessage?: string;
  webhookUrl?: string;
  email?: string;
  /** The send-interruption window in seconds; unset: 30 for email inboxes, none (0) for the others. */
  sendWindowSeconds?: number;
  /** An email inbox's servers; the password is encrypted at rest (core/auth/channel-secrets.ts). */
  imap?: MailServerSettings;
  smtp?: MailServerSettings;
};

export type MailServerSettings = {
  host: string;
  port: number;
  /** TLS from the first byte (IMAPS 993, SMTPS 465); otherwise STARTTLS when the server offers it. */
  tls: boolean;
  user: string;
  /** AES-256-GCM under CHANNEL_SECRETS_KEY: `v1.<iv>.<tag>.<ciphertext>` (base64url). */
  encryptedPassword: string;
};

export const inboxes = pgTable(
  'inboxes',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    channelType: text('channel_type', { enum: channelTypes }).notNull(),
    // Public, unguessable id used by the widget and the public client API.
    identifier: text('identifier').notNull(),
    settings: jsonb('settings').$type<InboxSettings>().notNull().default({}),
    enableAutoAssignment: boolean('enable_auto_assignment').notNull().default(true),
    // Identity validation (Chatwoot's hmac_token): the site's backend signs a visitor's identifier with it.
    // Stored readable, not hashed, because Parley must recompute the HMAC to check every claim; only
    // administrators ever see it. The default gives every inbox, old and new, its own random secret.
    hmacToken: text('hmac_token')
      .notNull()
      .default(sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`),
    // When on, an identifier without a valid identifier_hash is refused instead of becoming a new contact.
    hmacMandatory: boolean('hmac_mandatory').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('inboxes_identifier_unique').on(table.identifier),
    index('inboxes_account_idx').on(table.accountId),
  ],
);

export const inboxMembers = pgTable(
  'inbox_members',
  {
    inboxId: integer('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.inboxId, table.userId] }),
    // Serves the membership check on every conversation route ("which inboxes may this agent see").
    index('inbox_members_user_idx').on(table.userId),
  ],
);
