import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { agentSchema } from '../../../core/serializers/user.js';
import { listAccountAgents } from '../../../core/services/agents/list.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/agents',
  ...requires('account_member'),
  tags: ['Agents'],
  summary: 'The account’s agents and administrators (a plain array, as Chatwoot)',
  security: securityUserToken,
  request: { params: accountParams },
  responses: { 200: jsonContent(z.array(agentSchema), 'The agents'), ...standardErrorResponses },
});

export function registerListAgents(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await listAccountAgents({ ...c.var.deps, actor: c.var.actor }), 200));
}
