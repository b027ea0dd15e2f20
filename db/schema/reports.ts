import { bigint, doublePrecision, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { conversations } from './conversations.js';
import { inboxes } from './inboxes.js';

/**
 * What a report counts, one row per fact (Chatwoot's `reporting_events` plus the counted facts it
 * derives from messages): `first_response`, `reply_time` (one customer-wait span), and
 * `conversation_resolved` carry a duration; `conversation_created`, `message_incoming` and
 * `message_outgoing` are counted. Each row records the dimensions it is attributed to, so the
 * rollups it fed can be taken back exactly when the conversation changes (reassigned, relabelled).
 */
export const reportingEventNames = ['conversation_created', 'first_response', 'reply_time', 'conversation_resolved', 'message_incoming', 'message_outgoing'] as const;
export type ReportingEventName = (typeof reportingEventNames)[number];

export const reportingEvents = pgTable(
  'reporting_events',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    conversationId: integer('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    inboxId: integer('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
    name: text('name', { enum: reportingEventNames }).notNull(),
    // The message that caused it (0 for the conversation's own creation): with the name, the event's identity.
    sourceMessageId: integer('source_message_id').notNull(),
    // Seconds; durations only (0 for counted facts).
    value: doublePrecision('value').notNull(),
    valueInBusinessHours: doublePrecision('value_in_business_hours').notNull(),
    eventStartTime: timestamp('event_start_time', { withTimezone: true }).notNull(),
    eventEndTime: timestamp('event_end_time', { withTimezone: true }).notNull(),
    // Attribution (0: none). Not foreign keys: a deleted agent's history stays in the reports.
    userId: integer('user_id').notNull(),
    teamId: integer('team_id').notNull(),
    labelIds: integer('label_ids').array().notNull(),
  },
  (table) => [
    uniqueIndex('reporting_events_identity_unique').on(table.conversationId, table.name, table.sourceMessageId),
    // Serves medians over a period (the rollups cannot give those).
    index('reporting_events_account_name_end_idx').on(table.accountId, table.name, table.eventEndTime),
  ],
);

/**
 * Per account, UTC hour and dimension, the sums a report reads (a year is at most 8,760 rows per
 * entity). `labelId` 0 is every conversation once; a labelled conversation also counts once under
 * each of its labels, so label reports read `labelId <> 0` and everything else `labelId = 0`.
 * Durations are summed in milliseconds so taking an event back is exact.
 */
export const reportRollups = pgTable(
  'report_rollups',
  {
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    inboxId: integer('inbox_id').notNull(),
    userId: integer('user_id').notNull(),
    teamId: integer('team_id').notNull(),
    labelId: integer('label_id').notNull(),
    conversationsCount: integer('conversations_count').notNull().default(0),
    incomingMessagesCount: integer('incoming_messages_count').notNull().default(0),
    outgoingMessagesCount: integer('outgoing_messages_count').notNull().default(0),
    firstResponseCount: integer('first_response_count').notNull().default(0),
    firstResponseMs: bigint('first_response_ms', { mode: 'number' }).notNull().default(0),
    firstResponseBusinessMs: bigint('first_response_business_ms', { mode: 'number' }).notNull().default(0),
    replyTimeCount: integer('reply_time_count').notNull().default(0),
    replyTimeMs: bigint('reply_time_ms', { mode: 'number' }).notNull().default(0),
    replyTimeBusinessMs: bigint('reply_time_business_ms', { mode: 'number' }).notNull().default(0),
    resolutionsCount: integer('resolutions_count').notNull().default(0),
    resolutionMs: bigint('resolution_ms', { mode: 'number' }).notNull().default(0),
    resolutionBusinessMs: bigint('resolution_business_ms', { mode: 'number' }).notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.accountId, table.labelId, table.hour, table.inboxId, table.userId, table.teamId] })],
);
