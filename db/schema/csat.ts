import { index, integer, pgTable, serial, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts, users } from './accounts.js';
import { contacts } from './contacts.js';
import { conversations } from './conversations.js';
import { inboxes } from './inboxes.js';

/**
 * `pending`: the conversation was resolved, the survey not sent yet; `sent`: waiting for the answer;
 * `answered`: rated (an edit within the validity replaces it); `withdrawn`: reopened before an
 * answer; `expired`: never answered in time.
 */
export const csatSurveyStatuses = ['pending', 'sent', 'answered', 'withdrawn', 'expired'] as const;
export type CsatSurveyStatus = (typeof csatSurveyStatuses)[number];

/** One survey per conversation (one answer per conversation); a re-resolve after a withdrawal asks again on the same row. */
export const csatSurveys = pgTable(
  'csat_surveys',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    conversationId: integer('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    inboxId: integer('inbox_id').notNull().references(() => inboxes.id, { onDelete: 'cascade' }),
    contactId: integer('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    // Who resolved it is who is rated (the report's agent filter).
    assigneeId: integer('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    // The public id in the rating link (`/survey/responses/{uuid}`) and the widget card.
    uuid: uuid('uuid').notNull().defaultRandom(),
    status: text('status', { enum: csatSurveyStatuses }).notNull().default('pending'),
    // The input_csat message that shows the card in the conversation.
    messageId: integer('message_id'),
    rating: smallint('rating'),
    feedback: text('feedback'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    // When the survey e-mail (a link to the rating page) went out; a contact without an address, or a widget chat, gets none.
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('csat_surveys_conversation_unique').on(table.conversationId),
    uniqueIndex('csat_surveys_uuid_unique').on(table.uuid),
    // Serves the CSAT report: an account's surveys in a period.
    index('csat_surveys_account_sent_idx').on(table.accountId, table.sentAt),
  ],
);
