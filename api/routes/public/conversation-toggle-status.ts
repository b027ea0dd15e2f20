import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent } from '../../openapi-schemas.js';
import { publicConversationSchema } from '../../../core/serializers/public.js';
import { resolvePublicConversation } from '../../../core/services/public/conversations.js';
import { conversationParams, publicErrorResponses } from './schemas.js';
import { requires } from '../../route-access.js';

const route = createRoute({
  method: 'post',
  path: '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/toggle_status',
  ...requires('public'),
  tags: ['Public'],
  summary: 'The visitor ends (resolves) the conversation, as Chatwoot’s client API; a new message reopens it',
  request: { params: conversationParams },
  responses: { 200: jsonContent(publicConversationSchema, 'The conversation, resolved'), ...publicErrorResponses },
});

export function registerPublicConversationToggleStatus(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { inbox_identifier, contact_identifier, conversation_id } = c.req.valid('param');
    return c.json(await resolvePublicConversation(c.var.deps, { inboxIdentifier: inbox_identifier, contactIdentifier: contact_identifier, displayId: conversation_id }), 200);
  });
}
