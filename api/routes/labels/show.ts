import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { labelSchema } from '../../../core/serializers/label.js';
import { showLabel } from '../../../core/services/labels/labels.js';
import { labelParams } from './schemas.js';
import { requires } from '../../route-access.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/labels/{id}',
  ...requires('account_member'),
  tags: ['Labels'],
  summary: 'One label',
  security: securityUserToken,
  request: { params: labelParams },
  responses: { 200: jsonContent(labelSchema, 'The label'), ...standardErrorResponses },
});

export function registerShowLabel(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await showLabel({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id), 200));
}
