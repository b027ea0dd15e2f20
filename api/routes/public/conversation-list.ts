import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent } from '../../openapi-schemas.js';
import { publicConversationSchema } from '../../../core/serializers/public.js';
import { listPublicConversations } from '../../../core/services/public/conversations.js';
import { contactParams, publicErrorResponses } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations',
  ...requires('public'),
  tags: ['Public'],
  summary: "The visitor's conversations, newest first, with their public messages",
  request: { params: contactParams },
  responses: { 200: jsonContent(z.array(publicConversationSchema), 'The conversations'), ...publicErrorResponses },
});

export function registerPublicConversationList(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { inbox_identifier, contact_identifier } = c.req.valid('param');
    return c.json(await listPublicConversations(c.var.deps, { inboxIdentifier: inbox_identifier, contactIdentifier: contact_identifier }), 200);
  });
}
