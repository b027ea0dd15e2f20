import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { setConversationCustomAttributes } from '../../../core/services/conversations/custom-attributes.js';
import { conversationParams } from './params.js';
import { requires } from '../../route-access.js';

export const setConversationCustomAttributesRequestSchema = z
  .object({
    custom_attributes: z.record(z.string().max(64), z.unknown()).openapi({ example: { order_id: 'A-19', paid: true } }),
  })
  .openapi('SetConversationCustomAttributesRequest');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/conversations/{conversation_id}/custom_attributes',
  ...requires('conversations'),
  tags: ['Conversations'],
  summary: "Set the conversation's custom attributes as a whole (defined ones are validated: 422 naming custom_attributes.<key>)",
  security: securityUserToken,
  request: { params: conversationParams, body: jsonBody(setConversationCustomAttributesRequestSchema) },
  responses: {
    200: jsonContent(z.object({ custom_attributes: z.record(z.string(), z.unknown()) }).openapi('ConversationCustomAttributes'), 'The stored attributes'),
    ...standardErrorResponses,
  },
});

export function registerConversationCustomAttributes(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const customAttributes = await setConversationCustomAttributes(
      { ...c.var.deps, actor: c.var.actor },
      { displayId: c.req.valid('param').conversation_id, customAttributes: c.req.valid('json').custom_attributes },
    );
    return c.json({ custom_attributes: customAttributes }, 200);
  });
}
