import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { toggleAgentTyping } from '../../../core/services/conversations/typing.js';
import { conversationParams } from './params.js';
import { requires } from '../../route-access.js';

export const toggleTypingRequestSchema = z
  .object({
    typing_status: z.enum(['on', 'off']).openapi({ description: 'on when the agent starts typing, off when they stop or send' }),
    is_private: z.boolean().default(false).openapi({ description: 'Typing a private note: colleagues see it, the visitor does not' }),
  })
  .openapi('ToggleTypingStatusRequest');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_typing_status',
  ...requires('conversations'),
  tags: ['Conversations'],
  summary: 'The agent started or stopped typing (shown live in the console and, unless private, the widget; nothing is stored)',
  security: securityUserToken,
  request: { params: conversationParams, body: jsonBody(toggleTypingRequestSchema) },
  responses: { 200: jsonContent(z.object({}).openapi('ToggleTypingStatusResponse'), 'Announced'), ...standardErrorResponses },
});

export function registerToggleTypingStatus(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { typing_status, is_private } = c.req.valid('json');
    await toggleAgentTyping({ ...c.var.deps, actor: c.var.actor }, { displayId: c.req.valid('param').conversation_id, typing: typing_status === 'on', isPrivate: is_private });
    return c.json({}, 200);
  });
}
