import { createRoute } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { inboxSchema } from '../../../core/serializers/inbox.js';
import { showVisibleInbox } from '../../../core/services/inboxes/access.js';
import { inboxParams } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/inboxes/{id}',
  ...requires('account_member'),
  tags: ['Inboxes'],
  summary: 'Show an inbox (404 for an agent who is not a member)',
  security: securityUserToken,
  request: { params: inboxParams },
  responses: { 200: jsonContent(inboxSchema, 'The inbox'), ...standardErrorResponses },
});

export function registerShowInbox(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await showVisibleInbox({ ...c.var.deps, actor: c.var.actor }, id), 200);
  });
}
