import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { deleteWebhook } from '../../../core/services/webhooks/manage.js';
import { webhookParams } from './schemas.js';

const route = createRoute({
  method: 'delete',
  path: '/api/v1/accounts/{account_id}/webhooks/{webhook_id}',
  ...requires('administrator'),
  tags: ['Webhooks'],
  summary: 'Delete a webhook and its delivery log (administrators only)',
  security: securityUserToken,
  request: { params: webhookParams },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Deleted'), ...standardErrorResponses },
});

export function registerDeleteWebhook(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { webhook_id } = c.req.valid('param');
    await deleteWebhook({ ...c.var.deps, actor: c.var.actor }, webhook_id);
    return c.json({ success: true }, 200);
  });
}
