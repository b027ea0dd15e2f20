import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { webhookSchema } from '../../../core/serializers/webhook.js';
import { listWebhooks } from '../../../core/services/webhooks/manage.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/webhooks',
  ...requires('administrator'),
  tags: ['Webhooks'],
  summary: 'The account’s webhooks (administrators only)',
  security: securityUserToken,
  request: { params: accountParams },
  responses: { 200: jsonContent(z.object({ payload: z.object({ webhooks: z.array(webhookSchema) }) }), 'The webhooks'), ...standardErrorResponses },
});

export function registerListWebhooks(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json({ payload: { webhooks: await listWebhooks({ ...c.var.deps, actor: c.var.actor }) } }, 200));
}
