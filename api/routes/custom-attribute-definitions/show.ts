import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { customAttributeDefinitionSchema } from '../../../core/serializers/custom-attribute-definition.js';
import { showCustomAttributeDefinition } from '../../../core/services/custom-attributes/definitions.js';
import { customAttributeDefinitionParams } from './schemas.js';
import { requires } from '../../route-access.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/custom_attribute_definitions/{id}',
  ...requires('account_member'),
  tags: ['Custom Attributes'],
  summary: 'One custom attribute definition',
  security: securityUserToken,
  request: { params: customAttributeDefinitionParams },
  responses: { 200: jsonContent(customAttributeDefinitionSchema, 'The definition'), ...standardErrorResponses },
});

export function registerShowCustomAttributeDefinition(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await showCustomAttributeDefinition({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id), 200));
}
