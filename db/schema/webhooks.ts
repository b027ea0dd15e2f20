import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { accounts } from './accounts.js';
import { inboxes } from './inboxes.js';

/** Chatwoot's webhook events (Settings › Webhooks subscribes to any of them). */
export const webhookEvents = [
  'conversation_created',
  'conversation_updated',
  'conversation_status_changed',
  'message_created',
  'message_updated',
  'contact_created',
  'contact_updated',
  'conversation_typing_on',
  'conversation_typing_off',
  'webwidget_triggered',
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

/** An account's endpoint (`account`), or an API inbox's own callback URL (`api_inbox`, one per inbox, not listed under /webhooks). */
export const webhookKinds = ['account', 'api_inbox'] as const;

export const webhooks = pgTable(
  'webhooks',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: webhookKinds }).notNull().default('account'),
    // Set for an API inbox's callback endpoint (kind api_inbox).
    inboxId: integer('inbox_id').references(() => inboxes.id, { onDelete: 'cascade' }),
    name: text('name'),
    url: text('url').notNull(),
    subscriptions: text('subscriptions').array().$type<WebhookEvent[]>().notNull(),
    // The signing secret (`whsec_…`), encrypted with WEBHOOK_SECRETS_KEY: signing needs it readable.
    secretCiphertext: text('secret_ciphertext').notNull(),
    // During a rotation the old secret signs too, until this time (Standard Webhooks sends both signatures).
    previousSecretCiphertext: text('previous_secret_ciphertext'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    enabled: boolean('enabled').notNull().default(true),
    // Why it was switched off: `gone` (answered 410), `failing` (every delivery failed for WEBHOOK_DISABLE_AFTER), `manual`.
    disabledReason: text('disabled_reason'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    // The first failed attempt since the last success: how long it has been failing.
    failingSince: timestamp('failing_since', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Serves "which endpoints take this event" on every captured change.
    index('webhooks_account_idx').on(table.accountId),
    uniqueIndex('webhooks_api_inbox_unique').on(table.inboxId),
  ],
);

/**
 * Events written in the same transaction as the change that causes them, only when some enabled
 * endpoint subscribes. The API drains a row right after commit; the worker's sweeper drains what a
 * crash or an outage left behind. Draining turns one row into one delivery per endpoint and deletes it.
 */
export const webhookOutbox = pgTable(
  'webhook_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id').notNull(),
    event: text('event', { enum: webhookEvents }).notNull(),
    // What the event is about: { conversationId?, messageId?, contactId?, inboxId? } plus event data
    // captured at the time (changed attributes with previous values, widget event info).
    subject: jsonb('subject').$type<WebhookEventSubject>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Serves the sweeper's "oldest first" scan.
  (table) => [index('webhook_outbox_created_idx').on(table.createdAt)],
);

export type WebhookEventSubject = {
  conversationId?: number;
  messageId?: number;
  contactId?: number;
  inboxId?: number;
  changedAttributes?: Record<string, { previous_value: unknown; current_value: unknown }>;
  eventInfo?: Record<string, unknown>;
  /** conversation_typing_on/off from an agent: who is typing (a visitor's typing has none), and whether in a private note. */
  typingUserId?: number;
  /** webwidget_triggered: the visitor's contact inbox source id. */
  sourceId?: string;
  isPrivate?: boolean;
  /** Only an API inbox's callback receives this event (an agent's reply), not the account's webhooks. */
  apiInboxCallbackOnly?: boolean;
  /**
   * The payload as it was when the change committed (events captured in a service's transaction),
   * so a delivery drained later still says what happened then, not what is true at drain time.
   */
  payload?: Record<string, unknown>;
};

export const webhookDeliveryStatuses = ['pending', 'delivered', 'failed', 'skipped'] as const;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];

/** One event for one endpoint: its frozen body (the same bytes on every retry) and where it stands. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id').notNull(),
    webhookId: integer('webhook_id').notNull().references(() => webhooks.id, { onDelete: 'cascade' }),
    // The `webhook-id` header: stable across retries and replays of this delivery.
    messageId: text('message_id').notNull(),
    // What made it: `outbox:<id>` or `api-callback:<messageId>`, so a repeated drain or call adds nothing.
    sourceKey: text('source_key').notNull(),
    event: text('event', { enum: webhookEvents }).notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: webhookDeliveryStatuses }).notNull().default('pending'),
    attemptCount: integer('attempt_count').notNull().default(0),
    // Bumped by every replay; part of the workflow's id so a replay runs beside, never inside, the first series.
    runNumber: integer('run_number').notNull().default(0),
    // Null until its workflow has been started: the sweeper starts those a crash left behind.
    workflowStartedAt: timestamp('workflow_started_at', { withTimezone: true }),
    lastStatusCode: integer('last_status_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('webhook_deliveries_source_unique').on(table.webhookId, table.sourceKey),
    // Serves the deliveries page: one webhook's deliveries, newest first.
    index('webhook_deliveries_webhook_idx').on(table.webhookId, table.id.desc()),
    // Serves the sweeper's "never started" scan.
    index('webhook_deliveries_unstarted_idx').on(table.createdAt).where(sql`workflow_started_at is null and status = 'pending'`),
  ],
);

/** Every HTTP attempt of a delivery: when, what came back, how long it took. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: bigint('delivery_id', { mode: 'number' }).notNull().references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    // `<run>:<attempt>`: a retried activity writes its row once.
    attemptKey: text('attempt_key').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms').notNull(),
    // The first 1,000 characters of the answer, or why there was none (timeout, refused address).
    responseExcerpt: text('response_excerpt').notNull().default(''),
    error: text('error'),
  },
  (table) => [uniqueIndex('webhook_attempts_key_unique').on(table.deliveryId, table.attemptKey)],
);
