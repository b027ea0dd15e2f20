import { createRoute } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { errorBodySchema, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { messageSchema } from '../../../core/serializers/message.js';
import { interruptOutgoingMessage, retryOutgoingMessage } from '../../../core/services/messages/outbound.js';
import { messageParams } from './params.js';


const interruptRoute = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages/{message_id}/interrupt',
  ...requires('conversations'),
  tags: ['Messages'],
  summary: 'Stop an outgoing message still in its send-interruption window: it is never sent (status `interrupted`); its content comes back for the composer',
  security: securityUserToken,
  request: { params: messageParams },
  responses: {
    200: jsonContent(messageSchema, 'The interrupted message'),
    ...standardErrorResponses,
    409: jsonContent(errorBodySchema, 'The window is over: the message is being sent or was sent'),
  },
});

const retryRoute = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages/{message_id}/retry',
  ...requires('conversations'),
  tags: ['Messages'],
  summary: 'Send a failed outgoing message again (as Chatwoot’s retry)',
  security: securityUserToken,
  request: { params: messageParams },
  responses: {
    200: jsonContent(messageSchema, 'The message, queued again'),
    ...standardErrorResponses,
    409: jsonContent(errorBodySchema, 'The message has not failed'),
  },
});

export function registerMessageDelivery(app: OpenAPIHono<AppEnv>) {
  app.openapi(interruptRoute, async (c) => {
    const params = c.req.valid('param');
    const message = await interruptOutgoingMessage({ ...c.var.deps, actor: c.var.actor }, { displayId: params.conversation_id, messageId: params.message_id });
    return c.json(message, 200);
  });
  app.openapi(retryRoute, async (c) => {
    const params = c.req.valid('param');
    const message = await retryOutgoingMessage({ ...c.var.deps, actor: c.var.actor }, { displayId: params.conversation_id, messageId: params.message_id });
    return c.json(message, 200);
  });
}
