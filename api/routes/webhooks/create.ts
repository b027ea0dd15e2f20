import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { webhookSchema } from '../../../core/serializers/webhook.js';
import { createWebhook } from '../../../core/services/webhooks/manage.js';
import { webhookFields } from './schemas.js';

export const createWebhookRequestSchema = z.object(webhookFields).openapi('CreateWebhookRequest');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/webhooks',
  ...requires('administrator'),
  tags: ['Webhooks'],
  summary: 'Add a webhook: a URL (public addresses only) and the events it takes (administrators only)',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(createWebhookRequestSchema) },
  responses: { 200: jsonContent(z.object({ payload: z.object({ webhook: webhookSchema }) }), 'The new webhook, with its signing secret'), ...standardErrorResponses },
});

export function registerCreateWebhook(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const webhook = await createWebhook({ ...c.var.deps, actor: c.var.actor }, { url: body.url, subscriptions: body.subscriptions, name: body.name });
    return c.json({ payload: { webhook } }, 200);
  });
}
