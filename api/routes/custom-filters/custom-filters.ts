import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, filterConditionSchema, jsonBody, jsonContent, securityUserToken, standardErrorResponses, idParam } from '../../openapi-schemas.js';
import {
  createCustomFilter,
  deleteCustomFilter,
  listCustomFilters,
  showCustomFilter,
  updateCustomFilter,
  type CustomFilterInput,
} from '../../../core/services/filters/custom-filters.js';
import { requires } from '../../route-access.js';

const filterType = z.enum(['contact', 'conversation']);

const customFilterSchema = z
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

const unwrap = <T extends object>(body: T | { custom_filter: T }): T => ('custom_filter' in body ? body.custom_filter : body);
const inputOf = (fields: z.infer<typeof updateFields>): CustomFilterInput => ({ name: fields.name, filterType: fields.filter_type, query: fields.query });

const params = accountParams.extend({
  custom_filter_id: idParam.openapi({ param: { name: 'custom_filter_id', in: 'path' }, example: 1 }),
});
const collection = '/api/v1/accounts/{account_id}/custom_filters';
const single = `${collection}/{custom_filter_id}`;

const listRoute = createRoute({
  method: 'get',
  path: collection,
  ...requires('account_member'),
  tags: ['Custom Filters'],
  summary: 'Your saved views, optionally only those of one filter_type',
  security: securityUserToken,
  request: { params: accountParams, query: z.object({ filter_type: filterType.optional() }).openapi('CustomFilterListQuery') },
  responses: { 200: jsonContent(z.array(customFilterSchema), 'The saved views'), ...standardErrorResponses },
});

const createFilterRoute = createRoute({
  method: 'post',
  path: collection,
  ...requires('account_member'),
  tags: ['Custom Filters'],
  summary: 'Save a view (its payload is checked as POST contacts/filter or conversations/filter would)',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(createCustomFilterRequestSchema) },
  responses: { 200: jsonContent(customFilterSchema, 'The saved view'), ...standardErrorResponses },
});

const showRoute = createRoute({
  method: 'get',
  path: single,
  ...requires('account_member'),
  tags: ['Custom Filters'],
  summary: 'One of your saved views',
  security: securityUserToken,
  request: { params },
  responses: { 200: jsonContent(customFilterSchema, 'The saved view'), ...standardErrorResponses },
});

const updateRoute = createRoute({
  method: 'patch',
  path: single,
  ...requires('account_member'),
  tags: ['Custom Filters'],
  summary: 'Rename a saved view or change its filter',
  security: securityUserToken,
  request: { params, body: jsonBody(updateCustomFilterRequestSchema) },
  responses: { 200: jsonContent(customFilterSchema, 'The saved view'), ...standardErrorResponses },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: single,
  ...requires('account_member'),
  tags: ['Custom Filters'],
  summary: 'Delete one of your saved views',
  security: securityUserToken,
  request: { params },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Deleted'), ...standardErrorResponses },
});

export function registerCustomFilters(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => c.json(await listCustomFilters({ ...c.var.deps, actor: c.var.actor }, c.req.valid('query').filter_type), 200));
  app.openapi(createFilterRoute, async (c) => {
    const fields = unwrap(c.req.valid('json'));
    return c.json(await createCustomFilter({ ...c.var.deps, actor: c.var.actor }, { name: fields.name, filterType: fields.filter_type, query: fields.query }), 200);
  });
  app.openapi(showRoute, async (c) => c.json(await showCustomFilter({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').custom_filter_id), 200));
  app.openapi(updateRoute, async (c) =>
    c.json(await updateCustomFilter({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').custom_filter_id, inputOf(unwrap(c.req.valid('json')))), 200),
  );
  app.openapi(deleteRoute, async (c) => {
    await deleteCustomFilter({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').custom_filter_id);
    return c.json({ success: true }, 200);
  });
}
