import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { accountParams, jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { createCustomFilter } from '../../../core/services/filters/custom-filters.js';
import { createCustomFilterRequestSchema, customFilterSchema, customFiltersPath, filterType, unwrap } from './schemas.js';

const route = createRoute({
  method: 'post',
  path: customFiltersPath,
  ...requires('account_member'),
  tags: ['Custom Filters'],
  summary: 'Save a view (its payload is checked as POST contacts/filter or conversations/filter would)',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(createCustomFilterRequestSchema) },
  responses: { 200: jsonContent(customFilterSchema, 'The saved view'), ...standardErrorResponses },
});

export function registerCreateCustomFilter(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const fields = unwrap(c.req.valid('json'));
    return c.json(await createCustomFilter({ ...c.var.deps, actor: c.var.actor }, { name: fields.name, filterType: fields.filter_type, query: fields.query }), 200);
  });
}
