import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, filterPayloadSchema, jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { conversationSchema } from '../../../core/serializers/conversation.js';
import { filterConversationsPage } from '../../../core/services/conversations/filter.js';
import { requires } from '../../route-access.js';

export const conversationFilterQuerySchema = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) }).openapi('ConversationFilterQuery');

export const conversationFilterResultSchema = z
  .object({
    meta: z.object({ mine_count: z.number().int(), unassigned_count: z.number().int(), all_count: z.number().int() }),
    payload: z.array(conversationSchema),
  })
  .openapi('ConversationFilterResult');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/conversations/filter',
  ...requires('conversations'),
  tags: ['Conversations'],
  summary: 'Conversations matching Chatwoot’s filter payload (status, assignee_id, inbox_id, team_id, priority, labels, dates, custom attributes), 25 per page',
  security: securityUserToken,
  request: { params: accountParams, query: conversationFilterQuerySchema, body: jsonBody(filterPayloadSchema) },
  responses: { 200: jsonContent(conversationFilterResultSchema, 'One page of matching conversations and the counts'), ...standardErrorResponses },
});

/** Registered before `/conversations/{conversation_id}` routes. */
export function registerFilterConversations(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { page } = c.req.valid('query');
    return c.json(await filterConversationsPage({ ...c.var.deps, actor: c.var.actor }, { page, payload: c.req.valid('json').payload }), 200);
  });
}
