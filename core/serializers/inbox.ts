import { z } from '@hono/zod-openapi';
import { assignmentQueueOrders, assignmentStrategies, channelTypes, mailboxConnectionStates, type inboxes, type mailboxStates } from '../../db/schema/index.js';
import { unixSeconds } from './time.js';
import { sendWindowSeconds } from '../domain/outbound.js';

export const inboxSchema = z
  .object({
    id: z.number().int(),
    account_id: z.number().int(),
    name: z.string(),
    channel_type: z.enum(channelTypes).openapi({ description: 'The channel, as sent when creating the inbox (Chatwoot names these Channel::WebWidget, Channel::Api, …)' }),
    inbox_identifier: z.string().openapi({ description: 'Public id used by the widget and the public client API (websiteToken)' }),
    enable_auto_assignment: z.boolean().openapi({ description: 'New conversations go to an eligible agent (member, online, below their limit) through the inbox router' }),
    auto_assignment_config: z
      .object({ max_assignment_limit: z.number().int().nullable().openapi({ description: 'Open conversations an agent may hold in this inbox before the router skips them; null: no limit' }) })
      .openapi({ description: 'Chatwoot’s auto-assignment settings' }),
    assignment_policy: z
      .object({
        strategy: z.enum(assignmentStrategies).openapi({ description: 'round_robin: rotate through the members in order; balanced: fewest open conversations, ties to whoever was assigned longest ago' }),
        queue_order: z.enum(assignmentQueueOrders).openapi({ description: 'Which waiting conversation is served first' }),
        fair_distribution_limit: z.number().int().nullable().openapi({ description: 'At most this many automatic assignments per agent per window; null: no such limit' }),
        fair_distribution_window_seconds: z.number().int(),
      })
      .openapi({ description: 'Parley’s routing settings beside Chatwoot’s; per-agent limits are on the inbox members (GET /inbox_members/{inbox_id})' }),
    website_url: z.string().nullable(),
    widget_color: z.string().nullable(),
    welcome_title: z.string().nullable(),
    welcome_tagline: z.string().nullable(),
    webhook_url: z.string().nullable(),
    email: z.string().nullable(),
    web_widget_script: z.string().nullable().openapi({ description: 'For website inboxes: the snippet a site owner pastes before </body>' }),
    hmac_token: z
      .string()
      .nullable()
      .openapi({ description: 'Website and API inboxes: the identity-validation secret your backend signs visitor identifiers with (HMAC-SHA256). Administrators only; null for agents' }),
    hmac_mandatory: z.boolean().openapi({ description: 'Refuse a visitor identifier that comes without a valid identifier_hash' }),
    csat_survey_enabled: z.boolean().openapi({ description: 'Customers are asked to rate conversations resolved here (Chatwoot’s CSAT switch)' }),
    secret: z.string().nullable().optional().openapi({ description: 'API inboxes, administrators only: the whsec_ secret that signs callbacks to webhook_url (Standard Webhooks and X-Chatwoot-Signature)' }),
    working_hours_enabled: z.boolean(),
    timezone: z.string(),
    working_hours: z.array(
      z.object({
        day_of_week: z.number().int(),
        closed_all_day: z.boolean(),
        open_all_day: z.boolean().optional(),
        open_hour: z.number().int().nullable(),
        open_minutes: z.number().int().nullable(),
        close_hour: z.number().int().nullable(),
        close_minutes: z.number().int().nullable(),
      }),
    ),
    send_window_seconds: z.number().int().openapi({ description: 'The send-interruption window in effect (the inbox’s own, or its channel’s default)' }),
    imap_address: z.string().nullable(),
    imap_port: z.number().int().nullable(),
    imap_login: z.string().nullable(),
    imap_enable_ssl: z.boolean().nullable(),
    smtp_address: z.string().nullable(),
    smtp_port: z.number().int().nullable(),
    smtp_login: z.string().nullable(),
    smtp_enable_ssl_tls: z.boolean().nullable(),
    imap_connection: z
      .object({
        state: z.enum(mailboxConnectionStates),
        failing_since: z.number().int().nullable(),
        last_error: z.string().nullable(),
        last_checked_at: z.number().int().nullable(),
      })
      .nullable()
      .openapi({ description: 'Email inboxes with IMAP: what the mailbox poller last saw (it reconnects by itself, backing off while failing)' }),
  })
  .openapi('Inbox');

export type InboxJson = z.infer<typeof inboxSchema>;

/**
 * The embed snippet, as Chatwoot's: it loads `/widget.js` from Parley and starts the widget for this
 * inbox. Values are JSON-encoded so a public URL with quotes cannot break out of the script.
 */
export function webWidgetScript(publicUrl: string, inboxIdentifier: string): string {
  const baseUrl = JSON.stringify(publicUrl.replace(/\/+$/, '')).replace(/</g, '\\u003c');
  const token = JSON.stringify(inboxIdentifier).replace(/</g, '\\u003c');
  return (
    `<script>(function(d,t){var BASE_URL=${baseUrl};var g=d.createElement(t),s=d.getElementsByTagName(t)[0];` +
    `g.src=BASE_URL+"/widget.js";g.defer=true;g.async=true;s.parentNode.insertBefore(g,s);` +
    `g.onload=function(){window.parleySDK.run({websiteToken:${token},baseUrl:BASE_URL})}})(document,"script");</script>`
  );
}

/** Channels whose visitors identify themselves through the public API, so identity validation applies. */
const identityValidatedChannels: ReadonlySet<string> = new Set(['web_widget', 'api']);

/** `showSecret` only for administrators: the HMAC secret lets whoever holds it speak as any customer. */
export function serializeInbox(
  row: typeof inboxes.$inferSelect,
  publicUrl: string,
  { showSecret = false, callbackSecret, mailbox }: { showSecret?: boolean; callbackSecret?: string | null; mailbox?: typeof mailboxStates.$inferSelect } = {},
): InboxJson {
  const settings = row.settings ?? {};
  return {
    id: row.id,
    account_id: row.accountId,
    name: row.name,
    channel_type: row.channelType,
    inbox_identifier: row.identifier,
    enable_auto_assignment: row.enableAutoAssignment,
    auto_assignment_config: { max_assignment_limit: row.maxAssignmentLimit },
    assignment_policy: {
      strategy: row.assignmentStrategy,
      queue_order: row.assignmentQueueOrder,
      fair_distribution_limit: row.fairDistributionLimit,
      fair_distribution_window_seconds: row.fairDistributionWindowSeconds,
    },
    website_url: settings.websiteUrl ?? null,
    widget_color: settings.widgetColor ?? null,
    welcome_title: settings.welcomeTitle ?? null,
    welcome_tagline: settings.welcomeTagline ?? null,
    webhook_url: settings.webhookUrl ?? null,
    email: settings.email ?? null,
    web_widget_script: row.channelType === 'web_widget' ? webWidgetScript(publicUrl, row.identifier) : null,
    hmac_token: showSecret && identityValidatedChannels.has(row.channelType) ? row.hmacToken : null,
    hmac_mandatory: row.hmacMandatory,
    csat_survey_enabled: row.csatSurveyEnabled,
    ...(showSecret && callbackSecret !== undefined ? { secret: callbackSecret } : {}),
    working_hours_enabled: settings.businessHours?.enabled ?? false,
    timezone: settings.businessHours?.timezone ?? 'UTC',
    working_hours: settings.businessHours?.days ?? [],
    send_window_seconds: sendWindowSeconds(row),
    imap_address: settings.imap?.host ?? null,
    imap_port: settings.imap?.port ?? null,
    imap_login: settings.imap?.user ?? null,
    imap_enable_ssl: settings.imap?.tls ?? null,
    smtp_address: settings.smtp?.host ?? null,
    smtp_port: settings.smtp?.port ?? null,
    smtp_login: settings.smtp?.user ?? null,
    smtp_enable_ssl_tls: settings.smtp?.tls ?? null,
    imap_connection: settings.imap
      ? {
          state: mailbox?.state ?? 'connecting',
          failing_since: unixSeconds(mailbox?.failingSince),
          last_error: mailbox?.lastError ?? null,
          last_checked_at: unixSeconds(mailbox?.lastCheckedAt),
        }
      : null,
  };
}
