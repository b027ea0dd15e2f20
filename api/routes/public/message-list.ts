import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, idParam } from '../../openapi-schemas.js';
import { publicMessageSchema } from '../../../core/serializers/public.js';
import { listPublicMessages } from '../../../core/services/public/messages.js';
import { conversationParams, publicErrorResponses } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/messages',
  ...requires('public'),
  tags: ['Public'],
  summary: 'The conversation’s messages, oldest first (never private notes); `before` pages back',
  request: {
    params: conversationParams,
    query: z.object({ before: idParam.optional().openapi({ description: 'Only messages with a smaller id' }) }),
  },
  responses: { 200: jsonContent(z.array(publicMessageSchema), 'The messages'), ...publicErrorResponses },
});

export function registerPublicMessageList(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { inbox_identifier, contact_identifier, conversation_id } = c.req.valid('param');
    const { before } = c.req.valid('query');
    const messages = await listPublicMessages(c.var.deps, { inboxIdentifier: inbox_identifier, contactIdentifier: contact_identifier, displayId: conversation_id, before });
    return c.json(messages, 200);
  });
}
