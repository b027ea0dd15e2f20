import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { customRoleSchema } from '../../../core/serializers/custom-role.js';
import { updateCustomRole } from '../../../core/services/roles/custom-roles.js';
import { customRoleFields, customRoleParams } from './schemas.js';

export const updateCustomRoleRequestSchema = z
  .object({ name: customRoleFields.name.optional(), description: customRoleFields.description, permissions: customRoleFields.permissions.optional() })
  .openapi('UpdateCustomRoleRequest');

const route = createRoute({
  method: 'patch',
  path: '/api/v1/accounts/{account_id}/custom_roles/{id}',
  ...requires('administrator'),
  tags: ['Custom roles'],
  summary: 'Rename a custom role or change its permissions; its holders’ access changes at once (administrators only)',
  security: securityUserToken,
  request: { params: customRoleParams, body: jsonBody(updateCustomRoleRequestSchema) },
  responses: { 200: jsonContent(customRoleSchema, 'The updated role'), ...standardErrorResponses },
});

export function registerUpdateCustomRole(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const role = await updateCustomRole({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id, {
      name: body.name,
      description: body.description,
      permissions: body.permissions,
    });
    return c.json(role, 200);
  });
}
