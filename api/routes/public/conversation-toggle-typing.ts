import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent } from '../../openapi-schemas.js';
import { togglePublicTyping } from '../../../core/services/public/conversations.js';
import { conversationParams, publicErrorResponses } from './schemas.js';

const route = createRoute({
  method: 'post',
  path: '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/toggle_typing',
  ...requires('public'),
  tags: ['Public'],
  summary: 'The visitor started or stopped typing (shown to agents live; nothing is stored)',
  request: { params: conversationParams, body: jsonBody(z.object({ typing_status: z.enum(['on', 'off']) }).openapi('PublicTypingRequest')) },
  responses: { 200: jsonContent(z.object({ id: z.number().int(), typing_status: z.enum(['on', 'off']) }), 'Announced'), ...publicErrorResponses },
});

export function registerPublicConversationToggleTyping(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { inbox_identifier, contact_identifier, conversation_id } = c.req.valid('param');
    const { typing_status } = c.req.valid('json');
    const result = await togglePublicTyping(c.var.deps, {
      inboxIdentifier: inbox_identifier,
      contactIdentifier: contact_identifier,
      displayId: conversation_id,
      typing: typing_status === 'on',
    });
    return c.json(result, 200);
  });
}
