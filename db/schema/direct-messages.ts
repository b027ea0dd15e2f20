import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts, users } from './accounts.js';
import { attachmentFileTypes } from './messages.js';

/**
 * A conversation between users of one account, outside every inbox: only its participants see it
 * (administrators included only when they take part), and no inbox list, report or search reads it.
 */
export const directConversations = pgTable(
  'direct_conversations',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('direct_conversations_account_idx').on(table.accountId)],
);

export const directParticipants = pgTable(
  'direct_participants',
  {
    conversationId: integer('conversation_id').notNull().references(() => directConversations.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    // What the participant has read up to: messages after it count as unread.
    lastReadAt: timestamp('last_read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.conversationId, table.userId] }),
    // Serves "my direct conversations".
    index('direct_participants_user_idx').on(table.userId),
  ],
);

export const directMessages = pgTable(
  'direct_messages',
  {
    id: serial('id').primaryKey(),
    conversationId: integer('conversation_id').notNull().references(() => directConversations.id, { onDelete: 'cascade' }),
    senderId: integer('sender_id').references(() => users.id, { onDelete: 'set null' }),
    content: text('content'),
    // The sender's retry key: a repeated POST returns the first message.
    echoId: text('echo_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Serves the thread, oldest first, and unread counts.
    index('direct_messages_conversation_created_idx').on(table.conversationId, table.createdAt),
    uniqueIndex('direct_messages_conversation_echo_unique').on(table.conversationId, table.echoId).where(sql`echo_id is not null`),
  ],
);

/** Files of direct messages: served only to participants (not by an unguessable key alone). */
export const directMessageAttachments = pgTable(
  'direct_message_attachments',
  {
    id: serial('id').primaryKey(),
    messageId: integer('message_id').notNull().references(() => directMessages.id, { onDelete: 'cascade' }),
    fileType: text('file_type', { enum: attachmentFileTypes }).notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('direct_message_attachments_message_idx').on(table.messageId), uniqueIndex('direct_message_attachments_storage_key_unique').on(table.storageKey)],
);

// Chatwoot's names, plus participating_conversation_reopened (the notification preferences list the same kinds).
export const notificationTypes = ['direct_message', 'conversation_mention', 'conversation_assignment', 'assigned_conversation_new_message', 'participating_conversation_reopened'] as const;
export type NotificationType = (typeof notificationTypes)[number];

/**
 * The bell: one row per thing a user should notice, in Chatwoot's notification shape. `emailed_at`
 * marks what an e-mail digest already told them, so no digest repeats it.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    notificationType: text('notification_type', { enum: notificationTypes }).notNull(),
    // What it is about: a direct conversation, or a customer conversation (its id, not display id).
    primaryActorType: text('primary_actor_type', { enum: ['DirectConversation', 'Conversation'] }).notNull(),
    primaryActorId: integer('primary_actor_id').notNull(),
    // Who caused it (the sender of the message or note).
    secondaryActorId: integer('secondary_actor_id').references(() => users.id, { onDelete: 'set null' }),
    // The message behind it; one notification per message and user.
    sourceMessageId: integer('source_message_id').notNull(),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp('read_at', { withTimezone: true }),
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Serves the bell's list (newest first) and its unread count.
    index('notifications_user_created_idx').on(table.userId, table.accountId, table.createdAt),
    uniqueIndex('notifications_message_user_unique').on(table.notificationType, table.sourceMessageId, table.userId),
  ],
);
