import { z } from '@hono/zod-openapi';
import { channelTypes } from '../../../db/schema/index.js';
import { hexColorSchema, httpUrlSchema } from '../../../core/domain/http-url.js';
import { accountParams, idParam, emailAddress } from '../../openapi-schemas.js';
import type { InboxChannelInput, MailServerInput } from '../../../core/services/inboxes/settings.js';
import { isValidTimezone } from '../../../core/domain/business-hours.js';
import { maxSendWindowSeconds } from '../../../core/domain/outbound.js';

export const inboxParams = accountParams.extend({
  id: idParam.openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

/** Channel settings shared by create and update; `null` clears one on update. */
export const channelSettingsFields = {
  website_url: httpUrlSchema().nullable().optional().openapi({ description: 'Website inboxes: the site the widget is embedded in' }),
  widget_color: hexColorSchema().nullable().optional(),
  welcome_title: z.string().trim().max(255).nullable().optional(),
  welcome_tagline: z.string().trim().max(500).nullable().optional(),
  webhook_url: httpUrlSchema().nullable().optional().openapi({ description: 'API inboxes: where Parley posts new messages' }),
  email: emailAddress.nullable().optional().openapi({ description: 'Email inboxes: the support address' }),
  send_window_seconds: z
    .number()
    .int()
    .min(0)
    .max(maxSendWindowSeconds)
    .nullable()
    .optional()
    .openapi({ description: 'Send-interruption window: an agent’s message waits this long (and can be interrupted) before it is sent. Null: the default (email 30, other channels 0)' }),
  imap_address: z.string().trim().min(1).max(255).optional().openapi({ description: 'Email inboxes: IMAP server host (incoming mail)' }),
  imap_port: z.number().int().min(1).max(65535).optional(),
  imap_login: z.string().max(320).optional(),
  imap_password: z.string().max(1024).optional().openapi({ description: 'Stored encrypted; never returned' }),
  imap_enable_ssl: z.boolean().optional().openapi({ description: 'TLS from the start (IMAPS, usually 993); otherwise STARTTLS' }),
  smtp_address: z.string().trim().min(1).max(255).optional().openapi({ description: 'Email inboxes: SMTP server host (outgoing mail)' }),
  smtp_port: z.number().int().min(1).max(65535).optional(),
  smtp_login: z.string().max(320).optional(),
  smtp_password: z.string().max(1024).optional().openapi({ description: 'Stored encrypted; never returned' }),
  smtp_enable_ssl_tls: z.boolean().optional().openapi({ description: 'TLS from the start (SMTPS, usually 465); otherwise STARTTLS when offered' }),
};

/** A limit of open or automatically assigned conversations per agent. */
export const assignmentLimitSchema = z.number().int().min(1).max(10_000);

type ChannelFields = { [K in keyof typeof channelSettingsFields]?: z.infer<(typeof channelSettingsFields)[K]> };

/** Chatwoot's flat `imap_*` / `smtp_*` fields as one server's settings; none sent: unchanged. */
function mailServerInputOf(channel: ChannelFields | undefined, protocol: 'imap' | 'smtp'): MailServerInput | undefined {
  if (!channel) return undefined;
  const input: MailServerInput = {
    host: channel[`${protocol}_address`],
    port: channel[`${protocol}_port`],
    user: channel[`${protocol}_login`],
    password: channel[`${protocol}_password`],
    tls: protocol === 'imap' ? channel.imap_enable_ssl : channel.smtp_enable_ssl_tls,
  };
  return Object.values(input).some((value) => value !== undefined) ? input : undefined;
}

export const inboxNameSchema = z.string().trim().min(1).max(255).openapi({ example: 'Website' });

export function channelInputOf(channel: ChannelFields | undefined): InboxChannelInput {
  return {
    sendWindowSeconds: channel?.send_window_seconds,
    imap: mailServerInputOf(channel, 'imap'),
    smtp: mailServerInputOf(channel, 'smtp'),
    websiteUrl: channel?.website_url,
    widgetColor: channel?.widget_color,
    welcomeTitle: channel?.welcome_title,
    welcomeTagline: channel?.welcome_tagline,
    webhookUrl: channel?.webhook_url,
    email: channel?.email,
  };
}

export const channelTypeSchema = z.enum(channelTypes);

const hour = z.number().int().min(0).max(24).nullable();
const minutes = z.number().int().min(0).max(59).nullable();

/** Chatwoot's business hours fields of an inbox: one entry per weekday (0 = Sunday) and a time zone. */
export const businessHoursFields = {
  working_hours_enabled: z.boolean().optional().openapi({ description: 'Outside these hours, routing rules see "outside business hours"' }),
  timezone: z
    .string()
    .max(100)
    .refine(isValidTimezone, 'Use an IANA time zone such as America/Sao_Paulo')
    .optional(),
  working_hours: z
    .array(
      z.object({
        day_of_week: z.number().int().min(0).max(6),
        closed_all_day: z.boolean(),
        open_all_day: z.boolean().optional(),
        open_hour: hour,
        open_minutes: minutes,
        close_hour: hour,
        close_minutes: minutes,
      }),
    )
    .max(7)
    .optional(),
};
