import { createRoute } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { changeInboxMembers } from '../../../core/services/inboxes/members.js';
import { inboxMembersResponseSchema } from './list.js';
import { inboxMembersRequestSchema } from './schemas.js';

const route = createRoute({
  method: 'delete',
  path: '/api/v1/accounts/{account_id}/inbox_members',
  ...requires('administrator'),
  tags: ['Inboxes'],
  summary: 'Remove agents from an inbox; their conversations there become unassigned (administrators only)',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(inboxMembersRequestSchema) },
  responses: { 200: jsonContent(inboxMembersResponseSchema, 'The inbox’s agents afterwards'), ...standardErrorResponses },
});

export function registerRemoveInboxMembers(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { inbox_id, user_ids } = c.req.valid('json');
    const payload = await changeInboxMembers({ ...c.var.deps, actor: c.var.actor }, { inboxId: inbox_id, userIds: user_ids, mode: 'remove' });
    return c.json({ payload }, 200);
  });
}
