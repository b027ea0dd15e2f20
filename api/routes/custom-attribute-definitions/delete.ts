import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { deleteCustomAttributeDefinition } from '../../../core/services/custom-attributes/definitions.js';
import { customAttributeDefinitionParams } from './schemas.js';
import { requires } from '../../route-access.js';

const route = createRoute({
  method: 'delete',
  path: '/api/v1/accounts/{account_id}/custom_attribute_definitions/{id}',
  ...requires('administrator'),
  tags: ['Custom Attributes'],
  summary: 'Delete a definition (administrators only); stored values are kept out of sight',
  security: securityUserToken,
  request: { params: customAttributeDefinitionParams },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Deleted'), ...standardErrorResponses },
});

export function registerDeleteCustomAttributeDefinition(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    await deleteCustomAttributeDefinition({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id);
    return c.json({ success: true }, 200);
  });
}
