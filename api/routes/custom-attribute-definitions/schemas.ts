import { z } from '@hono/zod-openapi';
import { customAttributeDisplayTypes, customAttributeModels } from '../../../core/domain/custom-attributes.js';
import { accountParams, idParam } from '../../openapi-schemas.js';

export const customAttributeDefinitionParams = accountParams.extend({
  id: idParam.openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

/** Chatwoot's API sends enums either by name or by index (0 conversation_attribute, 1 contact_attribute). */
const byNameOrIndex = <T extends readonly [string, ...string[]]>(names: T) =>
  z.union([z.enum(names), z.number().int().min(0).max(names.length - 1).transform((index) => names[index] as T[number])]);

export const attributeModelSchema = byNameOrIndex(customAttributeModels).openapi({ example: 'contact_attribute' });

export const customAttributeDefinitionFields = {
  attribute_display_name: z.string().trim().min(1).max(255).openapi({ example: 'Plan' }),
  attribute_display_type: byNameOrIndex(customAttributeDisplayTypes).openapi({ example: 'list' }),
  attribute_description: z.string().trim().max(1000).nullable().optional(),
  attribute_values: z.array(z.string().trim().max(255)).max(200).optional().openapi({ example: ['free', 'pro'] }),
  regex_pattern: z.string().max(500).nullable().optional().openapi({ example: '^[A-Z]{2}-\\d+$' }),
  regex_cue: z.string().max(255).nullable().optional().openapi({ example: 'Two capitals, a dash and digits' }),
};
