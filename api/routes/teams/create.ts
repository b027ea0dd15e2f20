import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { teamSchema } from '../../../core/serializers/team.js';
import { createTeam } from '../../../core/services/teams/teams.js';
import { teamFields } from './schemas.js';

export const createTeamRequestSchema = z.object(teamFields).openapi('CreateTeamRequest');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/teams',
  ...requires('administrator'),
  tags: ['Teams'],
  summary: 'Create a team (administrators only)',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(createTeamRequestSchema) },
  responses: { 200: jsonContent(teamSchema, 'The new team'), ...standardErrorResponses },
});

export function registerCreateTeam(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const team = await createTeam({ ...c.var.deps, actor: c.var.actor }, { name: body.name, description: body.description, allowAutoAssign: body.allow_auto_assign });
    return c.json(team, 200);
  });
}
