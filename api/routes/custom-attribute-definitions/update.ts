import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { customAttributeDefinitionSchema } from '../../../core/serializers/custom-attribute-definition.js';
import { updateCustomAttributeDefinition } from '../../../core/services/custom-attributes/definitions.js';
import { customAttributeDefinitionFields, customAttributeDefinitionParams } from './schemas.js';
import { requires } from '../../route-access.js';

// Key and model are fixed once defined: stored values are filed under them.
export const updateCustomAttributeDefinitionRequestSchema = z
  .object({
    ...customAttributeDefinitionFields,
    attribute_display_name: customAttributeDefinitionFields.attribute_display_name.optional(),
    attribute_display_type: customAttributeDefinitionFields.attribute_display_type.optional(),
  })
  .openapi('UpdateCustomAttributeDefinitionRequest');

const route = createRoute({
  method: 'patch',
  path: '/api/v1/accounts/{account_id}/custom_attribute_definitions/{id}',
  ...requires('administrator'),
  tags: ['Custom Attributes'],
  summary: 'Change a custom attribute definition (administrators only; key and model stay)',
  security: securityUserToken,
  request: { params: customAttributeDefinitionParams, body: jsonBody(updateCustomAttributeDefinitionRequestSchema) },
  responses: { 200: jsonContent(customAttributeDefinitionSchema, 'The updated definition'), ...standardErrorResponses },
});

export function registerUpdateCustomAttributeDefinition(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const definition = await updateCustomAttributeDefinition({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id, {
      displayName: body.attribute_display_name,
      displayType: body.attribute_display_type,
      description: body.attribute_description,
      values: body.attribute_values,
      regexPattern: body.regex_pattern,
      regexCue: body.regex_cue,
    });
    return c.json(definition, 200);
  });
}
