import { boolean, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, jsonb } from 'drizzle-orm/pg-core';
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
