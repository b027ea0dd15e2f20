import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts, teams, users } from './accounts.js';
import { contactInboxes, contacts } from './contacts.js';
import { inboxes } from './inboxes.js';

export const conversationStatuses = ['open', 'resolved', 'pending', 'snoozed'] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];

export const conversationPriorities = ['urgent', 'high', 'medium', 'low'] as const;
export type ConversationPriority = (typeof conversationPriorities)[number];

/** Channel facts of a conversation: the email subject and addresses, the widget's browser and page. */
export type ConversationAdditionalAttributes = {
  mailSubject?: string;
  browserLanguage?: string;
  referer?: string;
  [key: string]: unknown;
};

export const conversations = pgTable(
  'conversations',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    // The number people see ("#42"), allocated per account; the API's {conversation_id} is this number.
    displayId: integer('display_id').notNull(),
    uuid: uuid('uuid').notNull().defaultRandom(),
    inboxId: integer('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    contactInboxId: integer('contact_inbox_id').references(() => contactInboxes.id, { onDelete: 'set null' }),
    status: text('status', { enum: conversationStatuses }).notNull().default('open'),
    assigneeId: integer('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: integer('team_id').references(() => teams.id, { onDelete: 'set null' }),
    priority: text('priority', { enum: conversationPriorities }),
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
    muted: boolean('muted').notNull().default(false),
    customAttributes: jsonb('custom_attributes').$type<Record<string, unknown>>().notNull().default({}),
    additionalAttributes: jsonb('additional_attributes').$type<ConversationAdditionalAttributes>().notNull().default({}),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    // When the customer started waiting for a reply; cleared by an agent's reply.
    waitingSince: timestamp('waiting_since', { withTimezone: true }),
    firstReplyCreatedAt: timestamp('first_reply_created_at', { withTimezone: true }),
    agentLastSeenAt: timestamp('agent_last_seen_at', { withTimezone: true }),
    contactLastSeenAt: timestamp('contact_last_seen_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('conversations_account_display_unique').on(table.accountId, table.displayId),
    // Serves the "Mine" and "Unassigned" views and their counts: filter by status and assignee, newest activity first.
    // NULLS FIRST is what a plain `order by … desc` means: with drizzle's default (NULLS LAST) the index cannot
    // hand rows over in page order, and every page sorted all matching rows (measured by `npm run bench -- --scenario list`).
    index('conversations_list_by_assignee_idx').on(table.accountId, table.status, table.assigneeId, table.lastActivityAt.desc().nullsFirst(), table.id.desc().nullsFirst()),
    // Serves the "All" view for agents (restricted to their inboxes) and the inbox filter.
    index('conversations_list_by_inbox_idx').on(table.accountId, table.status, table.inboxId, table.lastActivityAt.desc().nullsFirst(), table.id.desc().nullsFirst()),
    // Serves the "All" view for administrators (no inbox restriction): the page, walked in its exact order
    // (last_activity_at desc, id desc) so LIMIT/OFFSET stop early instead of sorting every open conversation,
    // the label-filtered page, and the "all" count as an index-only scan (listConversationIds).
    index('conversations_list_by_status_idx').on(table.accountId, table.status, table.lastActivityAt.desc().nullsFirst(), table.id.desc().nullsFirst()),
    // Serves the team filter of the list and the counts (team_id set only on team conversations).
    index('conversations_list_by_team_idx')
      .on(table.accountId, table.status, table.teamId, table.lastActivityAt.desc().nullsFirst(), table.id.desc().nullsFirst())
      .where(sql`team_id is not null`),
    // Serves the inbox router's queue: an inbox's waiting (open, unassigned) conversations, oldest first.
    index('conversations_router_queue_idx').on(table.inboxId, table.createdAt, table.id).where(sql`status = 'open' and assignee_id is null`),
    // Serves the router's load counts: an agent's open conversations, per inbox.
    index('conversations_open_load_idx').on(table.assigneeId, table.inboxId).where(sql`status = 'open' and assignee_id is not null`),
    // Serves the contact sidebar's "previous conversations".
    index('conversations_contact_idx').on(table.contactId),
  ],
);

export const labels = pgTable(
  'labels',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    // Chatwoot's label titles are lower-case slugs; conversations refer to them by title.
    title: text('title').notNull(),
    description: text('description'),
    color: text('color').notNull().default('#1f93ff'),
    showOnSidebar: boolean('show_on_sidebar').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('labels_account_title_unique').on(table.accountId, table.title)],
);

export const conversationLabels = pgTable(
  'conversation_labels',
  {
    conversationId: integer('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    labelId: integer('label_id').notNull().references(() => labels.id, { onDelete: 'cascade' }),
  },
  (table) => [
    primaryKey({ columns: [table.conversationId, table.labelId] }),
    // Serves the label filter of the conversation list.
    index('conversation_labels_label_idx').on(table.labelId),
  ],
);

/**
 * What a stored message still has to tell Temporal: `incoming_message`, a customer writing into a
 * resolved or snoozed conversation (signals its lifecycle); `outbound_message`, an agent's message
 * to deliver (starts its `outbound-<messageId>` workflow); `scheduled_message`, a message scheduled
 * for later (`message_id` is the "scheduled" activity message; starts `scheduled-<scheduledMessageId>`).
 */
export const outboxNoticeKinds = ['incoming_message', 'outbound_message', 'scheduled_message'] as const;
export type OutboxNoticeKind = (typeof outboxNoticeKinds)[number];

/**
 * Notices written in the same statement as the message that causes them. The API hands each to
 * Temporal right after commit and deletes the row; if it dies in between (or Temporal is down), the
 * worker's sweeper delivers it, so no reopen and no outgoing message is lost.
 */
export const lifecycleOutbox = pgTable(
  'lifecycle_outbox',
  {
    id: serial('id').primaryKey(),
    conversationId: integer('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    messageId: integer('message_id').notNull(),
    kind: text('kind', { enum: outboxNoticeKinds }).notNull().default('incoming_message'),
    scheduledMessageId: integer('scheduled_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Serves the sweeper's "oldest first" scan.
  (table) => [index('lifecycle_outbox_created_idx').on(table.createdAt)],
);

/**
 * Every assignment the inbox router made: the fair-distribution window counts them, round-robin
 * continues after the last one, and balanced breaks ties by who was assigned longest ago.
 */
export const automaticAssignments = pgTable(
  'automatic_assignments',
  {
    id: serial('id').primaryKey(),
    inboxId: integer('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
    conversationId: integer('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Serves "this agent's assignments in the window" and "when was this agent last assigned here".
    index('automatic_assignments_inbox_user_idx').on(table.inboxId, table.userId, table.assignedAt),
    // Serves round-robin's "who got the last one in this inbox".
    index('automatic_assignments_inbox_idx').on(table.inboxId, table.id),
  ],
);
