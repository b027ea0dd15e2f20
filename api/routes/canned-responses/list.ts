import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { cannedResponseSchema } from '../../../core/serializers/canned-response.js';
import { listAccountCannedResponses } from '../../../core/services/canned-responses/canned-responses.js';
import { requires } from '../../route-access.js';

const query = z.object({ search: z.string().max(200).optional().openapi({ description: 'Only responses whose short code or content contains this' }) });

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/canned_responses',
  ...requires('account_member'),
  tags: ['Canned Responses'],
  summary: 'The account’s canned responses, by short code',
  security: securityUserToken,
  request: { params: accountParams, query },
  // Chatwoot answers a bare array here.
  responses: { 200: jsonContent(z.array(cannedResponseSchema), 'The canned responses'), ...standardErrorResponses },
});

export function registerListCannedResponses(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await listAccountCannedResponses({ ...c.var.deps, actor: c.var.actor }, c.req.valid('query').search), 200));
}
