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
  /** Days, hours and time zone the team works (core/domain/business-hours.ts); routing rules and reports read them. */
  businessHours?: { enabled: boolean; timezone: string; days: Array<{ day_of_week: number; closed_all_day: boolean; open_all_day?: boolean; open_hour: number | null; open_minutes: number | null; close_hour: number | null; close_minutes: number | null }> };
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

/** How the inbox router picks among eligible agents: rotate through the members in order, or fewest open conversations first. */
export const assignmentStrategies = ['round_robin', 'balanced'] as const;
export type AssignmentStrategy = (typeof assignmentStrategies)[number];

/** Which waiting conversation the router serves first: the oldest created, or the one whose customer has waited longest. */
export const assignmentQueueOrders = ['oldest_created', 'longest_waiting'] as const;
export type AssignmentQueueOrder = (typeof assignmentQueueOrders)[number];

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
    // Chatwoot's auto_assignment_config.max_assignment_limit: open conversations an agent may hold in this inbox before the router skips them; null: no limit.
    maxAssignmentLimit: integer('max_assignment_limit'),
    assignmentStrategy: text('assignment_strategy', { enum: assignmentStrategies }).notNull().default('round_robin'),
    assignmentQueueOrder: text('assignment_queue_order', { enum: assignmentQueueOrders }).notNull().default('oldest_created'),
    // Fair distribution: at most this many automatic assignments per agent per window; null: no such limit.
    fairDistributionLimit: integer('fair_distribution_limit'),
    fairDistributionWindowSeconds: integer('fair_distribution_window_seconds').notNull().default(3600),
    // Identity validation (Chatwoot's hmac_token): the site's backend signs a visitor's identifier with it.
    // Stored readable, not hashed, because Parley must recompute the HMAC to check every claim; only
    // administrators ever see it. The default gives every inbox, old and new, its own random secret.
    hmacToken: text('hmac_token')
      .notNull()
      .default(sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`),
    // When on, an identifier without a valid identifier_hash is refused instead of becoming a new contact.
    hmacMandatory: boolean('hmac_mandatory').notNull().default(false),
    // Chatwoot's csat_survey_enabled: resolving a conversation here asks the customer to rate it.
    csatSurveyEnabled: boolean('csat_survey_enabled').notNull().default(false),
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
    // This agent's own limit in this inbox, overriding the inbox's max_assignment_limit; null: the inbox's.
    maxAssignmentLimit: integer('max_assignment_limit'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.inboxId, table.userId] }),
    // Serves the membership check on every conversation route ("which inboxes may this agent see").
    index('inbox_members_user_idx').on(table.userId),
  ],
);

/**
 * "Something changed that the inbox router should look at" (a conversation waiting, capacity freed,
 * availability or settings changed), written in the transaction of the change that causes it. One
 * row per inbox: a burst of causes coalesces into one notice, since the router reads what to do from
 * Postgres. After commit the cause reads the row's version, signals the router and deletes the row
 * only if the version is still the one it read; a cause committed meanwhile bumped it and signals
 * for itself. The worker's sweeper delivers rows nobody delivered (the API died, Temporal was down).
 */
export const routerNotices = pgTable('router_notices', {
  inboxId: integer('inbox_id')
    .primaryKey()
    .references(() => inboxes.id, { onDelete: 'cascade' }),
  accountId: integer('account_id').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
