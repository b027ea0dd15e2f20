import { createRoute } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { teamSchema } from '../../../core/serializers/team.js';
import { showTeam } from '../../../core/services/teams/teams.js';
import { teamParams } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/teams/{team_id}',
  ...requires('account_member'),
  tags: ['Teams'],
  summary: 'One team',
  security: securityUserToken,
  request: { params: teamParams },
  responses: { 200: jsonContent(teamSchema, 'The team'), ...standardErrorResponses },
});

export function registerShowTeam(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await showTeam({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').team_id), 200));
}
