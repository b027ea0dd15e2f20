import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { removeAgent } from '../../../core/services/agents/delete.js';
import { agentParams } from './schemas.js';

const route = createRoute({
  method: 'delete',
  path: '/api/v1/accounts/{account_id}/agents/{id}',
  ...requires('administrator'),
  tags: ['Agents'],
  summary: 'Remove an agent from the account; their conversations here become unassigned (administrators only)',
  security: securityUserToken,
  request: { params: agentParams },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Removed'), ...standardErrorResponses },
});

export function registerDeleteAgent(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    await removeAgent({ ...c.var.deps, actor: c.var.actor }, id);
    return c.json({ success: true }, 200);
  });
}
