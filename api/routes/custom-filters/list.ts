import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { listCustomFilters } from '../../../core/services/filters/custom-filters.js';
import { customFilterSchema, customFiltersPath, filterType } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: customFiltersPath,
  ...requires('account_member'),
  tags: ['Custom Filters'],
  summary: 'Your saved views, optionally only those of one filter_type',
  security: securityUserToken,
  request: { params: accountParams, query: z.object({ filter_type: filterType.optional() }).openapi('CustomFilterListQuery') },
  responses: { 200: jsonContent(z.array(customFilterSchema), 'The saved views'), ...standardErrorResponses },
});

export function registerListCustomFilters(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await listCustomFilters({ ...c.var.deps, actor: c.var.actor }, c.req.valid('query').filter_type), 200));
}
