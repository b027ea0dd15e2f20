import { createRoute } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent } from '../../openapi-schemas.js';
import { publicConversationSchema } from '../../../core/serializers/public.js';
import { createPublicConversation } from '../../../core/services/public/conversations.js';
import { contactParams, createConversationBodySchema, publicErrorResponses, visitorFacts } from './schemas.js';

const route = createRoute({
  method: 'post',
  path: '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations',
  ...requires('public'),
  tags: ['Public'],
  summary: 'Start a conversation; the browser language and page are recorded for routing rules',
  request: { params: contactParams, body: { ...jsonBody(createConversationBodySchema), required: false } },
  responses: { 200: jsonContent(publicConversationSchema, 'The new conversation'), ...publicErrorResponses },
});

export function registerPublicConversationCreate(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { inbox_identifier, contact_identifier } = c.req.valid('param');
    const body = c.req.valid('json');
    const conversation = await createPublicConversation(c.var.deps, {
      inboxIdentifier: inbox_identifier,
      contactIdentifier: contact_identifier,
      customAttributes: body.custom_attributes,
      facts: visitorFacts(c, body.referer_url),
    });
    return c.json(conversation, 200);
  });
}
