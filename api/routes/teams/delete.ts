import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { deleteTeam } from '../../../core/services/teams/teams.js';
import { teamParams } from './schemas.js';

const route = createRoute({
  method: 'delete',
  path: '/api/v1/accounts/{account_id}/teams/{team_id}',
  ...requires('administrator'),
  tags: ['Teams'],
  summary: 'Delete a team; its conversations keep their assignee and lose the team (administrators only)',
  security: securityUserToken,
  request: { params: teamParams },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Deleted'), ...standardErrorResponses },
});

export function registerDeleteTeam(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    await deleteTeam({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').team_id);
    return c.json({ success: true }, 200);
  });
}
