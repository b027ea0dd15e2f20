import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { contacts } from './contacts.js';
import { conversations } from './conversations.js';
import { inboxes } from './inboxes.js';

export const messageTypes = ['incoming', 'outgoing', 'activity', 'template'] as const;
export type MessageType = (typeof messageTypes)[number];

export const messageContentTypes = ['text', 'input_email', 'input_csat', 'cards', 'form', 'article', 'incoming_email'] as const;
export type MessageContentType = (typeof messageContentTypes)[number];

/**
 * Outbound delivery states. `scheduled` is Parley's "clock": accepted, waiting out the inbox's
 * send-interruption window (until `send_after`); `queued` is on its way through the channel;
 * `interrupted` was stopped in its window and never sent; `failed` carries `external_error`.
 */
export const messageStatuses = ['scheduled', 'queued', 'interrupted', 'sent', 'delivered', 'read', 'failed'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

export const senderTypes = ['user', 'contact', 'agent_bot', 'guest'] as const;
export type SenderType = (typeof senderTypes)[number];

export const attachmentFileTypes = ['image', 'audio', 'video', 'file'] as const;
export type AttachmentFileType = (typeof attachmentFileTypes)[number];

export const messages = pgTable(
  'messages',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    conversationId: integer('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    inboxId: integer('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
    messageType: text('message_type', { enum: messageTypes }).notNull(),
    contentType: text('content_type', { enum: messageContentTypes }).notNull().default('text'),
    content: text('content'),
    contentAttributes: jsonb('content_attributes').$type<Record<string, unknown>>().notNull().default({}),
    private: boolean('private').notNull().default(false),
    status: text('status', { enum: messageStatuses }).notNull().default('sent'),
    senderType: text('sender_type', { enum: senderTypes }),
    senderId: integer('sender_id'),
    // The id the channel knows the message by (an email Message-ID, an API caller's id).
    sourceId: text('source_id'),
    // A client-chosen key that makes a retried POST return the first message instead of a duplicate.
    echoId: text('echo_id'),
    externalError: text('external_error'),
    // The end of the send-interruption window of an outgoing message (null: sent at once).
    sendAfter: timestamp('send_after', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Serves the message list of one conversation and unread counts (incoming after agent_last_seen_at).
    index('messages_conversation_created_idx').on(table.conversationId, table.createdAt),
    uniqueIndex('messages_conversation_echo_unique').on(table.conversationId, table.echoId).where(sql`echo_id is not null`),
    uniqueIndex('messages_inbox_source_unique').on(table.inboxId, table.sourceId).where(sql`source_id is not null`),
    // Serves reports over a period.
    index('messages_account_created_idx').on(table.accountId, table.createdAt),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

export const attachments = pgTable(
  'attachments',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    messageId: integer('message_id').notNull().references(() => messages.id, { onDelete: 'cascade' }),
    fileType: text('file_type', { enum: attachmentFileTypes }).notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull(),
    // Random token in the download URL, so ids cannot be enumerated.
    accessKey: text('access_key').notNull(),
    // The body's key in the blob store (core/storage). Null only for files stored before the blob
    // store existed, whose body is still in attachment_blobs until the move reaches it.
    storageKey: text('storage_key'),
    inboxId: integer('inbox_id').references(() => inboxes.id, { onDelete: 'cascade' }),
    // Set when a visitor uploaded the file through the public API: what the daily quotas count.
    uploadedByContactId: integer('uploaded_by_contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('attachments_message_idx').on(table.messageId),
    uniqueIndex('attachments_access_key_unique').on(table.accessKey),
    // One object per row; also serves the orphan sweep's "is this object still used?".
    uniqueIndex('attachments_storage_key_unique').on(table.storageKey),
    // Serve the public upload quotas: bytes a contact, or an inbox's visitors, sent over the last day.
    index('attachments_public_contact_created_idx').on(table.uploadedByContactId, table.createdAt).where(sql`uploaded_by_contact_id is not null`),
    index('attachments_public_inbox_created_idx').on(table.inboxId, table.createdAt).where(sql`uploaded_by_contact_id is not null`),
  ],
);

/**
 * Legacy: file bodies from before the blob store, kept until the move (core/services/attachments/
 * move-legacy-blobs.ts) has copied each into the store. Nothing new is written here.
 */
export const attachmentBlobs = pgTable('attachment_blobs', {
  attachmentId: integer('attachment_id')
    .primaryKey()
    .references(() => attachments.id, { onDelete: 'cascade' }),
  data: bytea('data').notNull(),
});

export const scheduledMessageStatuses = ['pending', 'sent', 'cancelled'] as const;
export type ScheduledMessageStatus = (typeof scheduledMessageStatuses)[number];

/** A file waiting with a scheduled message: already in the blob store, its attachment row written when it is sent. */
export type ScheduledFile = { storageKey: string; fileName: string; contentType: string; fileType: AttachmentFileType; byteSize: number };

/**
 * A message an agent set for a date and time (`scheduled-<id>` waits for it). Editable and
 * cancellable while `pending`; when it fires it becomes an ordinary outgoing message (`message_id`).
 */
export const scheduledMessages = pgTable(
  'scheduled_messages',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    conversationId: integer('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    authorId: integer('author_id'),
    content: text('content'),
    files: jsonb('files').$type<ScheduledFile[]>().notNull().default([]),
    sendAt: timestamp('send_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: scheduledMessageStatuses }).notNull().default('pending'),
    messageId: integer('message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Serves the side panel's list of a conversation's scheduled messages.
  (table) => [index('scheduled_messages_conversation_idx').on(table.conversationId, table.sendAt)],
);
