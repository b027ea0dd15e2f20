import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { getNotificationSettings } from '../../../core/services/notifications/preferences.js';
import { notificationSettingsSchema } from './schemas.js';
import { requires } from '../../route-access.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/notification_settings',
  ...requires('account_member'),
  tags: ['Notifications'],
  summary: "The caller's notification preferences in this account (Chatwoot's flags and Parley's per-channel choices)",
  security: securityUserToken,
  request: { params: accountParams },
  responses: { 200: jsonContent(notificationSettingsSchema, 'The settings'), ...standardErrorResponses },
});

export function registerShowNotificationSettings(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await getNotificationSettings({ ...c.var.deps, actor: c.var.actor }), 200));
}
