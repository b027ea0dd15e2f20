import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { webhookSchema } from '../../../core/serializers/webhook.js';
import { updateWebhook } from '../../../core/services/webhooks/manage.js';
import { webhookFields, webhookParams } from './schemas.js';

export const updateWebhookRequestSchema = z
  .object({
    url: webhookFields.url.optional(),
    subscriptions: webhookFields.subscriptions.optional(),
    name: webhookFields.name,
    enabled: z.boolean().optional().openapi({ description: 'Switch the webhook off or back on' }),
    replay_missed: z.boolean().optional().openapi({ description: 'With enabled: true on a disabled webhook, re-send what it missed while failing or off' }),
  })
  .openapi('UpdateWebhookRequest');

const route = createRoute({
  method: 'patch',
  path: '/api/v1/accounts/{account_id}/webhooks/{webhook_id}',
  ...requires('administrator'),
  tags: ['Webhooks'],
  summary: 'Change a webhook, switch it off or back on (administrators only)',
  security: securityUserToken,
  request: { params: webhookParams, body: jsonBody(updateWebhookRequestSchema) },
  responses: {
    200: jsonContent(z.object({ payload: z.object({ webhook: webhookSchema, replayed: z.number().int() }) }), 'The webhook, and how many missed deliveries are being re-sent'),
    ...standardErrorResponses,
  },
});

export function registerUpdateWebhook(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { webhook_id } = c.req.valid('param');
    const body = c.req.valid('json');
    const result = await updateWebhook({ ...c.var.deps, actor: c.var.actor }, webhook_id, {
      url: body.url,
      subscriptions: body.subscriptions,
      name: body.name,
      enabled: body.enabled,
      replayMissed: body.replay_missed,
    });
    return c.json({ payload: result }, 200);
  });
}
