import { z } from '@hono/zod-openapi';
import { accountParams, filterConditionSchema, idParam } from '../../openapi-schemas.js';
import type { CustomFilterInput } from '../../../core/services/filters/custom-filters.js';

export const filterType = z.enum(['contact', 'conversation']);

export const customFilterSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    filter_type: filterType,
    query: z.object({ payload: z.array(z.unknown()) }),
    created_at: z.number().int().nullable(),
    updated_at: z.number().int().nullable(),
  })
  .openapi('CustomFilter');

const customFilterFields = {
  name: z.string().trim().min(1).max(100).openapi({ example: 'Gold customers in Brazil' }),
  filter_type: filterType,
  query: z.object({ payload: z.array(filterConditionSchema).min(1).max(20) }),
};

/** Chatwoot's Rails controller reads `custom_filter: {…}`; Rails also wraps top-level fields, so both are accepted. */
const createFields = z.object(customFilterFields);
const updateFields = createFields.partial();
export const createCustomFilterRequestSchema = z
  .union([z.object({ custom_filter: createFields }), createFields])
  .openapi('CreateCustomFilterRequest');
export const updateCustomFilterRequestSchema = z
  .union([z.object({ custom_filter: updateFields }), updateFields])
  .openapi('UpdateCustomFilterRequest');

export const unwrap = <T extends object>(body: T | { custom_filter: T }): T => ('custom_filter' in body ? body.custom_filter : body);
export const inputOf = (fields: z.infer<typeof updateFields>): CustomFilterInput => ({ name: fields.name, filterType: fields.filter_type, query: fields.query });

export const customFilterParams = accountParams.extend({
  custom_filter_id: idParam.openapi({ param: { name: 'custom_filter_id', in: 'path' }, example: 1 }),
});
export const customFiltersPath = '/api/v1/accounts/{account_id}/custom_filters';
export const customFilterPath = `${customFiltersPath}/{custom_filter_id}`;
