import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { deleteLabel } from '../../../core/services/labels/labels.js';
import { labelParams } from './schemas.js';

const route = createRoute({
  method: 'delete',
  path: '/api/v1/accounts/{account_id}/labels/{id}',
  ...requires('label_manage'),
  tags: ['Labels'],
  summary: 'Delete a label, taking it off every conversation and contact (administrators only)',
  security: securityUserToken,
  request: { params: labelParams },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Deleted'), ...standardErrorResponses },
});

export function registerDeleteLabel(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    await deleteLabel({ ...c.var.deps, actor: c.var.actor }, id);
    return c.json({ success: true }, 200);
  });
}
