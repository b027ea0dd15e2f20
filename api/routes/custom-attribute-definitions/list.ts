import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { customAttributeDefinitionSchema } from '../../../core/serializers/custom-attribute-definition.js';
import { listAccountCustomAttributeDefinitions } from '../../../core/services/custom-attributes/definitions.js';
import { customAttributeModels } from '../../../core/domain/custom-attributes.js';
import { requires } from '../../route-access.js';

const query = z.object({
  attribute_model: z
    .union([z.enum(customAttributeModels), z.enum(['0', '1']).transform((index) => customAttributeModels[Number(index)])])
    .optional()
    .openapi({ description: 'Only this model’s definitions (name, or Chatwoot’s 0/1)' }),
});

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/custom_attribute_definitions',
  ...requires('account_member'),
  tags: ['Custom Attributes'],
  summary: 'The account’s custom attribute definitions',
  security: securityUserToken,
  request: { params: accountParams, query },
  responses: { 200: jsonContent(z.array(customAttributeDefinitionSchema), 'The definitions, by model and name'), ...standardErrorResponses },
});

export function registerListCustomAttributeDefinitions(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await listAccountCustomAttributeDefinitions({ ...c.var.deps, actor: c.var.actor }, c.req.valid('query').attribute_model), 200),
  );
}
