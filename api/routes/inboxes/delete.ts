import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { deleteInbox } from '../../../core/services/inboxes/delete.js';
import { inboxParams } from './schemas.js';

const route = createRoute({
  method: 'delete',
  path: '/api/v1/accounts/{account_id}/inboxes/{id}',
  ...requires('administrator'),
  tags: ['Inboxes'],
  summary: 'Delete an inbox with its conversations (administrators only)',
  security: securityUserToken,
  request: { params: inboxParams },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Deleted'), ...standardErrorResponses },
});

export function registerDeleteInbox(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    await deleteInbox({ ...c.var.deps, actor: c.var.actor }, id);
    return c.json({ success: true }, 200);
  });
}
