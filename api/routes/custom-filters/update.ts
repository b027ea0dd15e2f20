import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { updateCustomFilter } from '../../../core/services/filters/custom-filters.js';
import { customFilterParams, customFilterPath, customFilterSchema, inputOf, unwrap, updateCustomFilterRequestSchema } from './schemas.js';

const route = createRoute({
  method: 'patch',
  path: customFilterPath,
  ...requires('account_member'),
  tags: ['Custom Filters'],
  summary: 'Rename a saved view or change its filter',
  security: securityUserToken,
  request: { params: customFilterParams, body: jsonBody(updateCustomFilterRequestSchema) },
  responses: { 200: jsonContent(customFilterSchema, 'The saved view'), ...standardErrorResponses },
});

export function registerUpdateCustomFilter(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await updateCustomFilter({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').custom_filter_id, inputOf(unwrap(c.req.valid('json')))), 200),
  );
}
