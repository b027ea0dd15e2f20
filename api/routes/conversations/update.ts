import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { conversationPriorities } from '../../../db/schema/index.js';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { conversationSchema } from '../../../core/serializers/conversation.js';
import { updateConversation } from '../../../core/services/conversations/update.js';
import { conversationParams } from './params.js';
import { requires } from '../../route-access.js';

export const updateConversationRequestSchema = z
  .object({
    priority: z
      .enum([...conversationPriorities, 'none'])
      .nullable()
      .optional()
      .openapi({ description: 'urgent, high, medium, low; null or "none" clears it; absent leaves it' }),
    sla_policy_id: z.number().int().nullable().optional().openapi({ description: 'Chatwoot Enterprise SLA policy: not supported, refused with 422' }),
  })
  .openapi('UpdateConversationRequest');

const route = createRoute({
  method: 'patch',
  path: '/api/v1/accounts/{account_id}/conversations/{conversation_id}',
  ...requires('conversations'),
  tags: ['Conversations'],
  summary: 'Update a conversation’s attributes (priority)',
  security: securityUserToken,
  request: { params: conversationParams, body: jsonBody(updateConversationRequestSchema) },
  responses: { 200: jsonContent(conversationSchema, 'The conversation afterwards'), ...standardErrorResponses },
});

export function registerUpdateConversation(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const conversation = await updateConversation(
      { ...c.var.deps, actor: c.var.actor },
      {
        displayId: c.req.valid('param').conversation_id,
        priority: body.priority === undefined ? undefined : body.priority === 'none' ? null : body.priority,
        slaPolicyId: body.sla_policy_id,
      },
    );
    return c.json(conversation, 200);
  });
}
