import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { showCustomFilter } from '../../../core/services/filters/custom-filters.js';
import { customFilterParams, customFilterPath, customFilterSchema } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: customFilterPath,
  ...requires('account_member'),
  tags: ['Custom Filters'],
  summary: 'One of your saved views',
  security: securityUserToken,
  request: { params: customFilterParams },
  responses: { 200: jsonContent(customFilterSchema, 'The saved view'), ...standardErrorResponses },
});

export function registerShowCustomFilter(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await showCustomFilter({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').custom_filter_id), 200));
}
