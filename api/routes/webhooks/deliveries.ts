import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { errorBodySchema, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { webhookDeliverySchema } from '../../../core/serializers/webhook.js';
import { listWebhookDeliveries, replayWebhookDelivery } from '../../../core/services/webhooks/manage.js';
import { deliveryFilterQuery, deliveryParams, webhookParams } from './schemas.js';

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/webhooks/{webhook_id}/deliveries',
  ...requires('administrator'),
  tags: ['Webhooks'],
  summary: 'A webhook’s deliveries, newest first, each with every attempt (administrators only)',
  security: securityUserToken,
  request: { params: webhookParams, query: deliveryFilterQuery },
  responses: { 200: jsonContent(z.object({ payload: z.array(webhookDeliverySchema) }), 'A page of 25 deliveries'), ...standardErrorResponses },
});

const replayRoute = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/webhooks/{webhook_id}/deliveries/{delivery_id}/replay',
  ...requires('administrator'),
  tags: ['Webhooks'],
  summary: 'Send a finished delivery again: the same body and webhook-id, as new attempts (administrators only)',
  security: securityUserToken,
  request: { params: deliveryParams },
  responses: { 200: jsonContent(z.object({ payload: webhookDeliverySchema }), 'The delivery, pending again'), 409: jsonContent(errorBodySchema, 'Still being attempted, or the webhook is off'), ...standardErrorResponses },
});

export function registerWebhookDeliveries(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const { webhook_id } = c.req.valid('param');
    const query = c.req.valid('query');
    return c.json({ payload: await listWebhookDeliveries({ ...c.var.deps, actor: c.var.actor }, webhook_id, query) }, 200);
  });
  app.openapi(replayRoute, async (c) => {
    const { webhook_id, delivery_id } = c.req.valid('param');
    return c.json({ payload: await replayWebhookDelivery({ ...c.var.deps, actor: c.var.actor }, webhook_id, delivery_id) }, 200);
  });
}
