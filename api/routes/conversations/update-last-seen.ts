import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { markConversationSeen } from '../../../core/services/conversations/mark-seen.js';
import { conversationParams } from './params.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/conversations/{conversation_id}/update_last_seen',
  ...requires('conversations'),
  tags: ['Conversations'],
  summary: 'Mark the conversation read by the team',
  security: securityUserToken,
  request: { params: conversationParams },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Marked read'), ...standardErrorResponses },
});

export function registerUpdateLastSeen(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    await markConversationSeen({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').conversation_id);
    return c.json({ success: true }, 200);
  });
}
