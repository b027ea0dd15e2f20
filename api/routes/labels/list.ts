import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { labelSchema } from '../../../core/serializers/label.js';
import { listAccountLabels } from '../../../core/services/labels/labels.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/labels',
  ...requires('account_member'),
  tags: ['Labels'],
  summary: 'The account’s labels',
  security: securityUserToken,
  request: { params: accountParams },
  responses: { 200: jsonContent(z.object({ payload: z.array(labelSchema) }), 'The labels, by title'), ...standardErrorResponses },
});

export function registerListLabels(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json({ payload: await listAccountLabels({ ...c.var.deps, actor: c.var.actor }) }, 200));
}
