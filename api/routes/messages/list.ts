import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses, idParam } from '../../openapi-schemas.js';
import { agentSchema } from '../../../core/serializers/user.js';
import { contactSchema } from '../../../core/serializers/contact.js';
import { messageSchema } from '../../../core/serializers/message.js';
import { listMessages } from '../../../core/services/messages/list.js';
import { conversationParams } from '../conversations/params.js';
import { orNull } from '../../../core/serializers/nullable.js';

export const listMessagesQuerySchema = z
  .object({ before: idParam.optional().openapi({ description: 'Messages older than this message id' }) })
  .openapi('ListMessagesQuery');

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages',
  ...requires('conversations'),
  tags: ['Messages'],
  summary: "A page of the conversation's messages (50, oldest first), private notes included",
  security: securityUserToken,
  request: { params: conversationParams, query: listMessagesQuerySchema },
  responses: {
    200: jsonContent(
      z
        .object({
          meta: z.object({ labels: z.array(z.string()), contact: contactSchema, assignee: orNull(agentSchema), additional_attributes: z.record(z.string(), z.unknown()), agent_last_seen_at: z.number().int().nullable() }),
          payload: z.array(messageSchema),
        })
        .openapi('MessageList'),
      'Messages',
    ),
    ...standardErrorResponses,
  },
});

export function registerListMessages(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const result = await listMessages({ ...c.var.deps, actor: c.var.actor }, { displayId: c.req.valid('param').conversation_id, before: c.req.valid('query').before });
    return c.json(result, 200);
  });
}
