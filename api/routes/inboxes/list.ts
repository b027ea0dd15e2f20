import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { inboxSchema } from '../../../core/serializers/inbox.js';
import { listVisibleInboxes } from '../../../core/services/inboxes/list.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/inboxes',
  ...requires('account_member'),
  tags: ['Inboxes'],
  summary: 'The inboxes you may see: all for administrators, your own for agents',
  security: securityUserToken,
  request: { params: accountParams },
  responses: { 200: jsonContent(z.object({ payload: z.array(inboxSchema) }), 'The inboxes'), ...standardErrorResponses },
});

export function registerListInboxes(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json({ payload: await listVisibleInboxes({ ...c.var.deps, actor: c.var.actor }) }, 200));
}
