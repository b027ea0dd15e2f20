import { createRoute } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { conversationSchema } from '../../../core/serializers/conversation.js';
import { conversationJson, findVisibleConversation } from '../../../core/services/conversations/access.js';
import { conversationParams } from './params.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/conversations/{conversation_id}',
  ...requires('conversations'),
  tags: ['Conversations'],
  summary: 'One conversation',
  security: securityUserToken,
  request: { params: conversationParams },
  responses: { 200: jsonContent(conversationSchema, 'The conversation'), ...standardErrorResponses },
});

export function registerShowConversation(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const ctx = { ...c.var.deps, actor: c.var.actor };
    const { conversation } = await findVisibleConversation(ctx, c.req.valid('param').conversation_id);
    return c.json(await conversationJson(ctx, conversation), 200);
  });
}
