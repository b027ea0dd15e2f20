import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { deleteCustomFilter } from '../../../core/services/filters/custom-filters.js';
import { customFilterParams, customFilterPath } from './schemas.js';

const route = createRoute({
  method: 'delete',
  path: customFilterPath,
  ...requires('account_member'),
  tags: ['Custom Filters'],
  summary: 'Delete one of your saved views',
  security: securityUserToken,
  request: { params: customFilterParams },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Deleted'), ...standardErrorResponses },
});

export function registerDeleteCustomFilter(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    await deleteCustomFilter({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').custom_filter_id);
    return c.json({ success: true }, 200);
  });
}
