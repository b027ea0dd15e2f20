import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses, idParam } from '../../openapi-schemas.js';
import { invitedAgentSchema } from '../../../core/serializers/invitation.js';
import { cancelInvitation, listAccountInvitations } from '../../../core/services/agents/invitations.js';

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/agent_invitations',
  ...requires('administrator'),
  tags: ['Agents'],
  summary: 'People invited to the account who have not answered yet (administrators only)',
  security: securityUserToken,
  request: { params: accountParams },
  responses: { 200: jsonContent(z.object({ payload: z.array(invitedAgentSchema) }), 'Open invitations'), ...standardErrorResponses },
});

const cancelRoute = createRoute({
  method: 'delete',
  path: '/api/v1/accounts/{account_id}/agent_invitations/{invitation_id}',
  ...requires('administrator'),
  tags: ['Agents'],
  summary: 'Withdraw an open invitation (administrators only)',
  security: securityUserToken,
  request: {
    params: accountParams.extend({ invitation_id: idParam.openapi({ param: { name: 'invitation_id', in: 'path' } }) }),
  },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Withdrawn'), ...standardErrorResponses },
});

export function registerAgentInvitations(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => c.json({ payload: await listAccountInvitations({ ...c.var.deps, actor: c.var.actor }) }, 200));
  app.openapi(cancelRoute, async (c) => {
    await cancelInvitation({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').invitation_id);
    return c.json({ success: true }, 200);
  });
}
