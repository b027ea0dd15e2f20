import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { customRoleSchema } from '../../../core/serializers/custom-role.js';
import { showCustomRole } from '../../../core/services/roles/custom-roles.js';
import { customRoleParams } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/custom_roles/{id}',
  ...requires('administrator'),
  tags: ['Custom roles'],
  summary: 'One custom role (administrators only)',
  security: securityUserToken,
  request: { params: customRoleParams },
  responses: { 200: jsonContent(customRoleSchema, 'The role'), ...standardErrorResponses },
});

export function registerShowCustomRole(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await showCustomRole({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id), 200));
}
