import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses, idField } from '../../openapi-schemas.js';
import { teamSchema } from '../../../core/serializers/team.js';
import { agentSchema } from '../../../core/serializers/user.js';
import { assignConversation } from '../../../core/services/conversations/assign.js';
import { conversationParams } from './params.js';

export const assignRequestSchema = z
  .object({
    assignee_id: idField.nullable().optional().openapi({ description: 'null unassigns' }),
    team_id: idField.nullable().optional(),
  })
  .refine((body) => body.assignee_id !== undefined || body.team_id !== undefined, { message: 'Give assignee_id or team_id', path: ['assignee_id'] })
  .openapi('AssignRequest');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/conversations/{conversation_id}/assignments',
  ...requires('conversations'),
  tags: ['Conversations'],
  summary: 'Assign the conversation to an agent and/or a team (manual assignment)',
  security: securityUserToken,
  request: { params: conversationParams, body: jsonBody(assignRequestSchema) },
  responses: {
    200: jsonContent(z.union([agentSchema, teamSchema]).nullable(), 'The assignee (null when unassigned); for a team_id-only request, as Chatwoot, the team (null when removed)'),
    ...standardErrorResponses,
  },
});

export function registerAssignConversation(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const assignee = await assignConversation(
      { ...c.var.deps, actor: c.var.actor },
      { displayId: c.req.valid('param').conversation_id, assigneeId: body.assignee_id, teamId: body.team_id },
    );
    return c.json(assignee, 200);
  });
}
