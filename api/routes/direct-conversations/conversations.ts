import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import {
  addDirectConversationParticipants,
  createDirectConversation,
  listDirectConversations,
  markDirectConversationSeen,
  showDirectConversation,
} from '../../../core/services/direct-messages/direct-messages.js';
import { accountParams } from '../../openapi-schemas.js';
import { directConversationParams, directConversationSchema, userIdsSchema } from './schemas.js';

const base = '/api/v1/accounts/{account_id}/direct_conversations';

export const createDirectConversationRequestSchema = z
  .object({
    user_ids: userIdsSchema.openapi({ description: 'The other participants: users of this account' }),
    content: z.string().max(150_000).nullable().optional().openapi({ description: 'The first message: a conversation exists only once something is sent' }),
  })
  .openapi('CreateDirectConversationRequest');

const listRoute = createRoute({
  method: 'get',
  path: base,
  ...requires('account_member'),
  tags: ['Direct messages'],
  summary: "The caller's direct conversations with colleagues, latest first (only those they take part in, administrators included)",
  security: securityUserToken,
  request: { params: accountParams },
  responses: { 200: jsonContent(z.object({ payload: z.array(directConversationSchema) }), 'The conversations'), ...standardErrorResponses },
});

const createRoute_ = createRoute({
  method: 'post',
  path: base,
  ...requires('account_member'),
  tags: ['Direct messages'],
  summary: 'Start a direct conversation with one or more colleagues, with its first message; they are notified',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(createDirectConversationRequestSchema) },
  responses: { 200: jsonContent(directConversationSchema, 'The conversation'), ...standardErrorResponses },
});

const showRoute = createRoute({
  method: 'get',
  path: `${base}/{direct_conversation_id}`,
  ...requires('account_member'),
  tags: ['Direct messages'],
  summary: 'One direct conversation; 404 for anyone not taking part',
  security: securityUserToken,
  request: { params: directConversationParams },
  responses: { 200: jsonContent(directConversationSchema, 'The conversation'), ...standardErrorResponses },
});

const participantsRoute = createRoute({
  method: 'post',
  path: `${base}/{direct_conversation_id}/participants`,
  ...requires('account_member'),
  tags: ['Direct messages'],
  summary: 'Add colleagues to the conversation; they see its whole history',
  security: securityUserToken,
  request: { params: directConversationParams, body: jsonBody(z.object({ user_ids: userIdsSchema }).openapi('AddDirectParticipantsRequest')) },
  responses: { 200: jsonContent(directConversationSchema, 'The conversation'), ...standardErrorResponses },
});

const seenRoute = createRoute({
  method: 'post',
  path: `${base}/{direct_conversation_id}/update_last_seen`,
  ...requires('account_member'),
  tags: ['Direct messages'],
  summary: "Mark the conversation read: its unread count and its notifications in the caller's bell clear",
  security: securityUserToken,
  request: { params: directConversationParams },
  responses: { 200: jsonContent(directConversationSchema, 'The conversation'), ...standardErrorResponses },
});

export function registerDirectConversations(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => c.json({ payload: await listDirectConversations({ ...c.var.deps, actor: c.var.actor }) }, 200));
  app.openapi(createRoute_, async (c) => {
    const body = c.req.valid('json');
    return c.json(await createDirectConversation({ ...c.var.deps, actor: c.var.actor }, { userIds: body.user_ids, content: body.content }), 200);
  });
  app.openapi(showRoute, async (c) => c.json(await showDirectConversation({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').direct_conversation_id), 200));
  app.openapi(participantsRoute, async (c) =>
    c.json(
      await addDirectConversationParticipants({ ...c.var.deps, actor: c.var.actor }, { conversationId: c.req.valid('param').direct_conversation_id, userIds: c.req.valid('json').user_ids }),
      200,
    ),
  );
  app.openapi(seenRoute, async (c) => c.json(await markDirectConversationSeen({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').direct_conversation_id), 200));
}
