import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { listConversationLabels, setConversationLabels } from '../../../core/services/conversations/labels.js';
import { conversationParams } from './params.js';

export const setLabelsRequestSchema = z
  .object({
    labels: z.array(z.string().trim().min(1).max(60).regex(/^[\p{L}\p{N}_-]+$/u, 'Labels are letters, digits, - and _')).max(50),
  })
  .openapi('SetConversationLabelsRequest');

const labelsResponse = jsonContent(z.object({ payload: z.array(z.string()) }).openapi('ConversationLabels'), "The conversation's labels");

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/conversations/{conversation_id}/labels',
  ...requires('conversations'),
  tags: ['Conversations'],
  summary: "The conversation's labels",
  security: securityUserToken,
  request: { params: conversationParams },
  responses: { 200: labelsResponse, ...standardErrorResponses },
});

const setRoute = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/conversations/{conversation_id}/labels',
  ...requires('conversations'),
  tags: ['Conversations'],
  summary: "Replace the conversation's labels; a title that is not yet an account label is created for administrators and refused (403, field labels) for agents",
  security: securityUserToken,
  request: { params: conversationParams, body: jsonBody(setLabelsRequestSchema) },
  responses: { 200: labelsResponse, ...standardErrorResponses },
});

export function registerConversationLabels(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const payload = await listConversationLabels({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').conversation_id);
    return c.json({ payload }, 200);
  });
  app.openapi(setRoute, async (c) => {
    const payload = await setConversationLabels(
      { ...c.var.deps, actor: c.var.actor },
      { displayId: c.req.valid('param').conversation_id, labels: c.req.valid('json').labels },
    );
    return c.json({ payload }, 200);
  });
}
