import { z } from '@hono/zod-openapi';
import type { customAttributeDefinitions } from '../../db/schema/index.js';
import { customAttributeDisplayTypes, customAttributeModels, type CustomAttributeRule } from '../domain/custom-attributes.js';

/** Chatwoot's custom attribute definition shape. */
export const customAttributeDefinitionSchema = z
  .object({
    id: z.number().int(),
    attribute_display_name: z.string(),
    attribute_display_type: z.enum(customAttributeDisplayTypes),
    attribute_description: z.string().nullable(),
    attribute_key: z.string(),
    attribute_values: z.array(z.string()),
    attribute_model: z.enum(customAttributeModels),
    regex_pattern: z.string().nullable(),
    regex_cue: z.string().nullable(),
    default_value: z.null(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('CustomAttributeDefinition');

export type CustomAttributeDefinitionJson = z.infer<typeof customAttributeDefinitionSchema>;

export const serializeCustomAttributeDefinition = (row: typeof customAttributeDefinitions.$inferSelect): CustomAttributeDefinitionJson => ({
  id: row.id,
  attribute_display_name: row.displayName,
  attribute_display_type: row.displayType,
  attribute_description: row.description,
  attribute_key: row.attributeKey,
  attribute_values: row.values,
  attribute_model: row.attributeModel,
  regex_pattern: row.regexPattern,
  regex_cue: row.regexCue,
  default_value: null,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

/** What the shared validator needs of a definition. */
export const customAttributeRuleOf = (row: typeof customAttributeDefinitions.$inferSelect): CustomAttributeRule => ({
  attribute_key: row.attributeKey,
  attribute_display_name: row.displayName,
  attribute_display_type: row.displayType,
  attribute_values: row.values,
  regex_pattern: row.regexPattern,
  regex_cue: row.regexCue,
});
