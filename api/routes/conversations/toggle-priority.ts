import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { conversationPriorities } from '../../../db/schema/index.js';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { conversationSchema } from '../../../core/serializers/conversation.js';
import { setConversationPriority } from '../../../core/services/conversations/priority.js';
import { conversationParams } from './params.js';

export const togglePriorityRequestSchema = z
  .object({
    priority: z
      .enum([...conversationPriorities, 'none'])
      .nullable()
      .openapi({ description: 'urgent, high, medium, low; null or "none" clears it' }),
  })
  .openapi('TogglePriorityRequest');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_priority',
  ...requires('conversations'),
  tags: ['Conversations'],
  summary: 'Set or clear the conversation’s priority',
  security: securityUserToken,
  request: { params: conversationParams, body: jsonBody(togglePriorityRequestSchema) },
  responses: { 200: jsonContent(conversationSchema, 'The conversation afterwards'), ...standardErrorResponses },
});

export function registerTogglePriority(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { priority } = c.req.valid('json');
    const conversation = await setConversationPriority(
      { ...c.var.deps, actor: c.var.actor },
      { displayId: c.req.valid('param').conversation_id, priority: priority === 'none' ? null : priority },
    );
    return c.json(conversation, 200);
  });
}
