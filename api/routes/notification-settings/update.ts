import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { updateNotificationSettings } from '../../../core/services/notifications/preferences.js';
import { notificationSettingsSchema, updateNotificationSettingsRequestSchema } from './schemas.js';
import { requires } from '../../route-access.js';

const route = createRoute({
  method: 'patch',
  path: '/api/v1/accounts/{account_id}/notification_settings',
  ...requires('account_member'),
  tags: ['Notifications'],
  summary: "Change the caller's notification preferences in this account",
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(updateNotificationSettingsRequestSchema) },
  responses: { 200: jsonContent(notificationSettingsSchema, 'The settings after the change'), ...standardErrorResponses },
});

export function registerUpdateNotificationSettings(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { notification_settings: wrapped, ...bare } = c.req.valid('json');
    const change = { ...bare, ...wrapped, preferences: { ...bare.preferences, ...wrapped?.preferences } };
    return c.json(await updateNotificationSettings({ ...c.var.deps, actor: c.var.actor }, change), 200);
  });
}
