import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses, idParam } from '../../openapi-schemas.js';
import { agentSchema } from '../../../core/serializers/user.js';
import { listInboxMembers } from '../../../core/services/inboxes/members.js';

const inboxMemberSchema = agentSchema
  .extend({ max_assignment_limit: z.number().int().nullable().openapi({ description: 'Their own limit in this inbox, overriding the inbox’s max_assignment_limit; null: the inbox’s' }) })
  .openapi('InboxMember');

export const inboxMembersResponseSchema = z.object({ payload: z.array(inboxMemberSchema) }).openapi('InboxMembers');

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/inbox_members/{inbox_id}',
  ...requires('account_member'),
  tags: ['Inboxes'],
  summary: 'The agents of an inbox',
  security: securityUserToken,
  request: { params: accountParams.extend({ inbox_id: idParam.openapi({ param: { name: 'inbox_id', in: 'path' } }) }) },
  responses: { 200: jsonContent(inboxMembersResponseSchema, 'The inbox’s agents'), ...standardErrorResponses },
});

export function registerListInboxMembers(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { inbox_id } = c.req.valid('param');
    return c.json({ payload: await listInboxMembers({ ...c.var.deps, actor: c.var.actor }, inbox_id) }, 200);
  });
}
