import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const accountRoles = ['administrator', 'agent'] as const;
export type AccountRole = (typeof accountRoles)[number];

export const availabilityStatuses = ['online', 'busy', 'offline'] as const;
export type AvailabilityStatus = (typeof availabilityStatuses)[number];

export const supportedLocales = ['en', 'pt_BR'] as const;
export type SupportedLocale = (typeof supportedLocales)[number];

export const accounts = pgTable('accounts', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  locale: text('locale', { enum: supportedLocales }).notNull().default('en'),
  // Allocator for per-account conversation display ids; bumped inside the creating transaction.
  lastConversationDisplayId: integer('last_conversation_display_id').notNull().default(0),
  // Chatwoot's auto_resolve_duration: days a conversation may wait with no message before it is
  // resolved; null is off. Fractions are allowed (tests use seconds' worth).
  autoResolveDurationDays: doublePrecision('auto_resolve_duration_days'),
  // Open conversations an agent may hold across all the account's inboxes before the router skips them; null: no account-wide limit.
  maxOpenConversationsPerAgent: integer('max_open_conversations_per_agent'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    displayName: text('display_name'),
    // Stored lower-cased so logins and uniqueness ignore case.
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    uiLocale: text('ui_locale', { enum: supportedLocales }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('users_email_unique').on(table.email)],
);

/**
 * Chatwoot's custom-role permissions, plus Parley's `label_manage`. The three conversation ones are
 * scopes (all of the member's inboxes; unassigned and their own; their own and those they took part
 * in): the widest one a role holds applies.
 */
export const rolePermissions = [
  'conversation_manage',
  'conversation_unassigned_manage',
  'conversation_participating_manage',
  'contact_manage',
  'report_manage',
  'knowledge_base_manage',
  'campaign_manage',
  'label_manage',
] as const;
export type RolePermission = (typeof rolePermissions)[number];

/** A role an administrator made from `rolePermissions` and gives to agents (Chatwoot's custom_roles). */
export const customRoles = pgTable(
  'custom_roles',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    permissions: text('permissions', { enum: rolePermissions }).array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('custom_roles_account_name_unique').on(table.accountId, sql`lower(${table.name})`)],
);

export const accountMemberships = pgTable(
  'account_memberships',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: accountRoles }).notNull().default('agent'),
    availability: text('availability', { enum: availabilityStatuses }).notNull().default('offline'),
    autoOffline: boolean('auto_offline').notNull().default(true),
    // Presence: until when an open console (live event stream) vouches for them; each stream tick
    // pushes it forward. With auto_offline, an agent past it counts as offline whatever they chose.
    presenceExpiresAt: timestamp('presence_expires_at', { withTimezone: true }),
    // The name this account knows them by, when an administrator set one; null shows the user's own
    // name. Kept here so one account's edit never renames the person in their other accounts.
    name: text('name'),
    // An agent's custom role: it replaces the built-in agent's permissions. Deleting the role puts
    // its holders back on the built-in agent role. Ignored for administrators.
    customRoleId: integer('custom_role_id').references(() => customRoles.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('account_memberships_account_user_unique').on(table.accountId, table.userId),
    // Serves "which accounts does this user belong to" at sign-in and profile.
    index('account_memberships_user_idx').on(table.userId),
  ],
);

export const apiAccessTokens = pgTable(
  'api_access_tokens',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    // What the owner calls it ("Zapier", "CRM sync"), so they know which one to revoke.
    name: text('name').notNull().default('API access token'),
    // SHA-256 of the token: tokens are long random strings, so a fast hash is enough and lookups stay indexed.
    tokenHash: text('token_hash').notNull(),
    // The first characters, kept so a person can tell tokens apart without the secret.
    tokenPrefix: text('token_prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    // Null: the token works until revoked. Past it, requests with the token answer 401.
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('api_access_tokens_hash_unique').on(table.tokenHash)],
);

export const invitationStatuses = ['pending', 'accepted', 'declined', 'cancelled'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/**
 * An administrator asking someone who already has a Parley login (from another account) to join
 * theirs. Nothing about the person changes until they accept, signed in as themselves.
 */
export const accountInvitations = pgTable(
  'account_invitations',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    invitedById: integer('invited_by_id').references(() => users.id, { onDelete: 'set null' }),
    role: text('role', { enum: accountRoles }).notNull().default('agent'),
    // What the administrator typed; shown to the account while pending, never written to the user.
    name: text('name').notNull(),
    status: text('status', { enum: invitationStatuses }).notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
  },
  (table) => [
    // One open invitation per person and account, so a repeated add cannot stack invitations.
    uniqueIndex('account_invitations_pending_unique').on(table.accountId, table.userId).where(sql`status = 'pending'`),
    // Serves "my pending invitations" on the invitee's side.
    index('account_invitations_user_idx').on(table.userId).where(sql`status = 'pending'`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    // The last request the session made, for the idle timeout; written at most once a minute.
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('sessions_token_hash_unique').on(table.tokenHash),
    index('sessions_user_idx').on(table.userId).where(sql`revoked_at is null`),
  ],
);

export const teams = pgTable(
  'teams',
  {
    id: serial('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    allowAutoAssign: boolean('allow_auto_assign').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('teams_account_name_unique').on(table.accountId, table.name)],
);

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (table) => [
    uniqueIndex('team_members_unique').on(table.teamId, table.userId),
    // Serves "which teams is this agent in" (is_member, and removing an agent from the account).
    index('team_members_user_idx').on(table.userId),
  ],
);
