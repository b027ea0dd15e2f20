import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { messageSchema } from '../../../core/serializers/message.js';
import { deleteConversationMessage } from '../../../core/services/messages/delete.js';
import { messageParams } from './params.js';
import { requires } from '../../route-access.js';

const route = createRoute({
  method: 'delete',
  path: '/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages/{message_id}',
  ...requires('conversations'),
  tags: ['Messages'],
  summary: 'Delete a message: it stays as a stub reading "This message was deleted" and its attachments are removed (administrators, or the agent who sent it)',
  security: securityUserToken,
  request: { params: messageParams },
  responses: { 200: jsonContent(messageSchema, 'The deleted message’s stub'), ...standardErrorResponses },
});

export function registerDeleteMessage(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const params = c.req.valid('param');
    const message = await deleteConversationMessage({ ...c.var.deps, actor: c.var.actor }, { displayId: params.conversation_id, messageId: params.message_id });
    return c.json(message, 200);
  });
}
