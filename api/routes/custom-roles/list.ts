import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { customRoleSchema } from '../../../core/serializers/custom-role.js';
import { listAccountCustomRoles } from '../../../core/services/roles/custom-roles.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/custom_roles',
  ...requires('administrator'),
  tags: ['Custom roles'],
  summary: 'The account’s custom roles (administrators only)',
  security: securityUserToken,
  request: { params: accountParams },
  responses: { 200: jsonContent(z.array(customRoleSchema), 'Custom roles by name'), ...standardErrorResponses },
});

export function registerListCustomRoles(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await listAccountCustomRoles({ ...c.var.deps, actor: c.var.actor }), 200));
}
