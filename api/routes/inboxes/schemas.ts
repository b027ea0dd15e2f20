import { z } from '@hono/zod-openapi';
import { channelTypes } from '../../../db/schema/index.js';
import { hexColorSchema, httpUrlSchema } from '../../../core/domain/http-url.js';
import { accountParams } from '../../openapi-schemas.js';
import type { InboxChannelInput } from '../../../core/services/inboxes/settings.js';
import { isValidTimezone } from '../../../core/domain/business-hours.js';

export const inboxParams = accountParams.extend({
  id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

/** Channel settings shared by create and update; `null` clears one on update. */
export const channelSettingsFields = {
  website_url: httpUrlSchema().nullable().optional().openapi({ description: 'Website inboxes: the site the widget is embedded in' }),
  widget_color: hexColorSchema().nullable().optional(),
  welcome_title: z.string().trim().max(255).nullable().optional(),
  welcome_tagline: z.string().trim().max(500).nullable().optional(),
  webhook_url: httpUrlSchema().nullable().optional().openapi({ description: 'API inboxes: where Parley posts new messages' }),
  email: z.string().trim().max(320).email().nullable().optional().openapi({ description: 'Email inboxes: the support address' }),
};

/** A limit of open or automatically assigned conversations per agent. */
export const assignmentLimitSchema = z.number().int().min(1).max(10_000);

export const inboxNameSchema = z.string().trim().min(1).max(255).openapi({ example: 'Website' });

export function channelInputOf(channel: { [K in keyof typeof channelSettingsFields]?: string | null } | undefined): InboxChannelInput {
  return {
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
