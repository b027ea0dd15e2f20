import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { conversations } from './conversations.js';

/** Chatwoot's automation events: what a rule listens for. */
export const automationEventNames = ['conversation_created', 'conversation_updated', 'message_created'] as const;
export type AutomationEventName = (typeof automationEventNames)[number];

/** One condition as Chatwoot stores it; `query_operator` joins it to the next condition. */
export type AutomationCondition = {
  attribute_key: string;
  filter_operator: string;
  values: Array<string | number | boolean>;
  query_operator?: 'and' | 'or' | null;
  custom_attribute_type?: 'conversation_attribute' | 'contact_attribute' | null;
};

export type AutomationAction = { action_name: string; action_params: Array<string | number> };

/** Routing rules designed by administrators: data, evaluated by core/domain/automation-rules.ts. */
export const automationRules = pgTable(
  'automation_rules',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    eventName: text('event_name', { enum: automationEventNames }).notNull(),
    conditions: jsonb('conditions').$type<AutomationCondition[]>().notNull().default([]),
    actions: jsonb('actions').$type<AutomationAction[]>().notNull().default([]),
    active: boolean('active').notNull().default(true),
    // Rules run in this order (then by id); the console moves them up and down.
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Serves "the active rules of this account for this event", asked on every event.
  (table) => [index('automation_rules_account_event_idx').on(table.accountId, table.eventName)],
);

/**
 * The automation outbox: an event written in the same statement or transaction as what caused it,
 * only when the account has an active rule for it. It is dispatched to a workflow
 * (`automation-event-<id>`) right after commit, or by the worker's sweeper if that failed; the
 * activity marks it processed in the transaction that applies the rules' actions, so the actions
 * happen once however often it is delivered.
 */
export const automationEvents = pgTable(
  'automation_events',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    conversationId: integer('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    eventName: text('event_name', { enum: automationEventNames }).notNull(),
    messageId: integer('message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    // What the rules did (rule ids and actions), kept so a retried activity can finish status changes.
    outcome: jsonb('outcome').$type<Record<string, unknown>>(),
  },
  // Serves the sweeper's "undispatched, oldest first" scan.
  (table) => [index('automation_events_undispatched_idx').on(table.createdAt).where(sql`dispatched_at is null`)],
);
