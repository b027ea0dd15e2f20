import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { deleteCannedResponse } from '../../../core/services/canned-responses/canned-responses.js';
import { cannedResponseParams } from './schemas.js';
import { requires } from '../../route-access.js';

const route = createRoute({
  method: 'delete',
  path: '/api/v1/accounts/{account_id}/canned_responses/{id}',
  ...requires('account_member'),
  tags: ['Canned Responses'],
  summary: 'Delete a canned response (any agent)',
  security: securityUserToken,
  request: { params: cannedResponseParams },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Deleted'), ...standardErrorResponses },
});

export function registerDeleteCannedResponse(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    await deleteCannedResponse({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id);
    return c.json({ success: true }, 200);
  });
}
