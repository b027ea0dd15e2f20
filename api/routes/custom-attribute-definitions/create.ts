import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { customAttributeDefinitionSchema } from '../../../core/serializers/custom-attribute-definition.js';
import { createCustomAttributeDefinition } from '../../../core/services/custom-attributes/definitions.js';
import { attributeModelSchema, customAttributeDefinitionFields } from './schemas.js';
import { requires } from '../../route-access.js';

export const createCustomAttributeDefinitionRequestSchema = z
  .object({
    ...customAttributeDefinitionFields,
    attribute_key: z.string().trim().min(1).max(64).openapi({ example: 'plan', description: 'Unique per model; not a built-in attribute name' }),
    attribute_model: attributeModelSchema,
  })
  .openapi('CreateCustomAttributeDefinitionRequest');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/custom_attribute_definitions',
  ...requires('administrator'),
  tags: ['Custom Attributes'],
  summary: 'Define a custom attribute (administrators only)',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(createCustomAttributeDefinitionRequestSchema) },
  responses: { 200: jsonContent(customAttributeDefinitionSchema, 'The new definition'), ...standardErrorResponses },
});

export function registerCreateCustomAttributeDefinition(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const definition = await createCustomAttributeDefinition(
      { ...c.var.deps, actor: c.var.actor },
      {
        model: body.attribute_model,
        key: body.attribute_key,
        displayName: body.attribute_display_name,
        displayType: body.attribute_display_type,
        description: body.attribute_description,
        values: body.attribute_values,
        regexPattern: body.regex_pattern,
        regexCue: body.regex_cue,
      },
    );
    return c.json(definition, 200);
  });
}
