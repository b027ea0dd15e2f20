import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { teamSchema } from '../../../core/serializers/team.js';
import { updateTeam } from '../../../core/services/teams/teams.js';
import { teamFields, teamParams } from './schemas.js';

export const updateTeamRequestSchema = z.object({ ...teamFields, name: teamFields.name.optional() }).openapi('UpdateTeamRequest');

const route = createRoute({
  method: 'patch',
  path: '/api/v1/accounts/{account_id}/teams/{team_id}',
  ...requires('administrator'),
  tags: ['Teams'],
  summary: 'Change a team (administrators only)',
  security: securityUserToken,
  request: { params: teamParams, body: jsonBody(updateTeamRequestSchema) },
  responses: { 200: jsonContent(teamSchema, 'The updated team'), ...standardErrorResponses },
});

export function registerUpdateTeam(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const team = await updateTeam({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').team_id, {
      name: body.name,
      description: body.description,
      allowAutoAssign: body.allow_auto_assign,
    });
    return c.json(team, 200);
  });
}
