import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { teamSchema } from '../../../core/serializers/team.js';
import { listAccountTeams } from '../../../core/services/teams/teams.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/teams',
  ...requires('account_member'),
  tags: ['Teams'],
  summary: 'The account’s teams, by name',
  security: securityUserToken,
  request: { params: accountParams },
  responses: { 200: jsonContent(z.array(teamSchema), 'The teams'), ...standardErrorResponses },
});

export function registerListTeams(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await listAccountTeams({ ...c.var.deps, actor: c.var.actor }), 200));
}
