import { z } from '@hono/zod-openapi';
import { allEmailFlags, allPushFlags, notificationChannels, notificationKinds } from '../../../core/domain/notification-preferences.js';

const channelChoicesSchema = z.object(Object.fromEntries(notificationChannels.map((channel) => [channel, z.boolean()])) as Record<(typeof notificationChannels)[number], z.ZodBoolean>);

export const notificationSettingsSchema = z
  .object({
    id: z.number().int(),
    account_id: z.number().int(),
    user_id: z.number().int(),
    all_email_flags: z.array(z.string()),
    all_push_flags: z.array(z.string()),
    selected_email_flags: z.array(z.string()).openapi({ description: 'Chatwoot’s list: the kinds mailed in the digest, as `email_<kind>`' }),
    selected_push_flags: z.array(z.string()).openapi({ description: 'Chatwoot’s list: the kinds raising a browser notification, as `push_<kind>`' }),
    preferences: z
      .object(Object.fromEntries(notificationKinds.map((kind) => [kind, channelChoicesSchema])) as Record<(typeof notificationKinds)[number], typeof channelChoicesSchema>)
      .openapi({ description: 'Per kind, each channel: console (the bell), browser (Notification API), sound, email (the digest)' }),
  })
  .openapi('NotificationSettings');

const flagList = (all: string[], description: string) =>
  z
    .array(z.string().refine((flag) => all.includes(flag), { message: `Each flag must be one of ${all.join(', ')}` }))
    .max(all.length)
    .optional()
    .openapi({ description });

const settingsChange = z
  .object({
    selected_email_flags: flagList(allEmailFlags, 'Every kind to mail in the digest; kinds left out are not mailed'),
    selected_push_flags: flagList(allPushFlags, 'Every kind to raise a browser notification for; kinds left out raise none'),
    preferences: z
      .object(Object.fromEntries(notificationKinds.map((kind) => [kind, channelChoicesSchema.partial().strict().optional()])) as Record<(typeof notificationKinds)[number], z.ZodOptional<z.ZodObject<Record<(typeof notificationChannels)[number], z.ZodOptional<z.ZodBoolean>>>>>)
      .strict()
      .optional(),
  })
  .strict();

/** Chatwoot wraps the change in `notification_settings`; Parley also takes it bare. */
export const updateNotificationSettingsRequestSchema = z
  .object({ notification_settings: settingsChange.optional() })
  .merge(settingsChange.partial())
  .openapi('UpdateNotificationSettingsRequest');
