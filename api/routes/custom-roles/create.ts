import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { accountParams, jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { customRoleSchema } from '../../../core/serializers/custom-role.js';
import { createCustomRole } from '../../../core/services/roles/custom-roles.js';
import { customRoleFields } from './schemas.js';

export const createCustomRoleRequestSchema = z.object(customRoleFields).openapi('CreateCustomRoleRequest');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/custom_roles',
  ...requires('administrator'),
  tags: ['Custom roles'],
  summary: 'Create a custom role from permissions (administrators only)',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(createCustomRoleRequestSchema) },
  responses: { 200: jsonContent(customRoleSchema, 'The new role'), ...standardErrorResponses },
});

export function registerCreateCustomRole(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const role = await createCustomRole({ ...c.var.deps, actor: c.var.actor }, { name: body.name, description: body.description, permissions: body.permissions });
    return c.json(role, 200);
  });
}
