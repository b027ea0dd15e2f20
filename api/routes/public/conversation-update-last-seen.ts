import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent } from '../../openapi-schemas.js';
import { updatePublicLastSeen } from '../../../core/services/public/conversations.js';
import { conversationParams, publicErrorResponses } from './schemas.js';

const route = createRoute({
  method: 'post',
  path: '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/update_last_seen',
  ...requires('public'),
  tags: ['Public'],
  summary: 'The visitor has read the conversation up to now',
  request: { params: conversationParams },
  responses: { 200: jsonContent(z.object({ id: z.number().int() }), 'Recorded'), ...publicErrorResponses },
});

export function registerPublicConversationUpdateLastSeen(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { inbox_identifier, contact_identifier, conversation_id } = c.req.valid('param');
    return c.json(await updatePublicLastSeen(c.var.deps, { inboxIdentifier: inbox_identifier, contactIdentifier: contact_identifier, displayId: conversation_id }), 200);
  });
}
