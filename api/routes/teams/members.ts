import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { agentSchema } from '../../../core/serializers/user.js';
import { changeTeamMembers, listMembersOfTeam } from '../../../core/services/teams/teams.js';
import { teamMembersRequestSchema, teamParams } from './schemas.js';

const path = '/api/v1/accounts/{account_id}/teams/{team_id}/team_members';
const membersResponse = jsonContent(z.array(agentSchema), 'The team’s agents afterwards');

const listRoute = createRoute({
  method: 'get',
  path,
  ...requires('account_member'),
  tags: ['Teams'],
  summary: 'The agents in a team',
  security: securityUserToken,
  request: { params: teamParams },
  responses: { 200: jsonContent(z.array(agentSchema), 'The team’s agents'), ...standardErrorResponses },
});

const changeRoute = (method: 'post' | 'patch' | 'delete', summary: string) =>
  createRoute({
    method,
    path,
    ...requires('administrator'),
    tags: ['Teams'],
    summary,
    security: securityUserToken,
    request: { params: teamParams, body: jsonBody(teamMembersRequestSchema) },
    responses: { 200: membersResponse, ...standardErrorResponses },
  });

const changes = [
  { mode: 'add', route: changeRoute('post', 'Add agents to a team (administrators only)') },
  { mode: 'replace', route: changeRoute('patch', 'Make these agents the team, adding and removing (administrators only)') },
  { mode: 'remove', route: changeRoute('delete', 'Take agents out of a team (administrators only)') },
] as const;

export function registerTeamMembers(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => c.json(await listMembersOfTeam({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').team_id), 200));
  for (const { mode, route } of changes) {
    app.openapi(route, async (c) => {
      const members = await changeTeamMembers({ ...c.var.deps, actor: c.var.actor }, { teamId: c.req.valid('param').team_id, userIds: c.req.valid('json').user_ids, mode });
      return c.json(members, 200);
    });
  }
}
