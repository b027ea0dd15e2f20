import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { conversationSchema } from '../../../core/serializers/conversation.js';
import { listContactConversations } from '../../../core/services/contacts/conversations.js';
import { contactParams } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/contacts/{id}/conversations',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'The contact’s conversations you may see, newest activity first',
  security: securityUserToken,
  request: { params: contactParams },
  responses: { 200: jsonContent(z.object({ payload: z.array(conversationSchema) }), 'The conversations'), ...standardErrorResponses },
});

export function registerListContactConversations(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    return c.json({ payload: await listContactConversations({ ...c.var.deps, actor: c.var.actor }, id) }, 200);
  });
}
