import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { deleteCustomRole } from '../../../core/services/roles/custom-roles.js';
import { customRoleParams } from './schemas.js';

const route = createRoute({
  method: 'delete',
  path: '/api/v1/accounts/{account_id}/custom_roles/{id}',
  ...requires('administrator'),
  tags: ['Custom roles'],
  summary: 'Delete a custom role; its holders become built-in agents (administrators only)',
  security: securityUserToken,
  request: { params: customRoleParams },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Deleted'), ...standardErrorResponses },
});

export function registerDeleteCustomRole(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    await deleteCustomRole({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id);
    return c.json({ success: true }, 200);
  });
}
