import { z } from '@hono/zod-openapi';
import { channelTypes, mailboxConnectionStates, type inboxes, type mailboxStates } from '../../db/schema/index.js';
import { unixSeconds } from './time.js';
import { sendWindowSeconds } from '../domain/outbound.js';

export const inboxSchema = z
  .object({
    id: z.number().int(),
    account_id: z.number().int(),
    name: z.string(),
    channel_type: z.enum(channelTypes).openapi({ description: 'The channel, as sent when creating the inbox (Chatwoot names these Channel::WebWidget, Channel::Api, …)' }),
    inbox_identifier: z.string().openapi({ description: 'Public id used by the widget and the public client API (websiteToken)' }),
    enable_auto_assignment: z.boolean(),
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
  { showSecret = false, mailbox }: { showSecret?: boolean; mailbox?: typeof mailboxStates.$inferSelect } = {},
): InboxJson {
  const settings = row.settings ?? {};
  return {
    id: row.id,
    account_id: row.accountId,
    name: row.name,
    channel_type: row.channelType,
    inbox_identifier: row.identifier,
    enable_auto_assignment: row.enableAutoAssignment,
    website_url: settings.websiteUrl ?? null,
    widget_color: settings.widgetColor ?? null,
    welcome_title: settings.welcomeTitle ?? null,
    welcome_tagline: settings.welcomeTagline ?? null,
    webhook_url: settings.webhookUrl ?? null,
    email: settings.email ?? null,
    web_widget_script: row.channelType === 'web_widget' ? webWidgetScript(publicUrl, row.identifier) : null,
    hmac_token: showSecret && identityValidatedChannels.has(row.channelType) ? row.hmacToken : null,
    hmac_mandatory: row.hmacMandatory,
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
