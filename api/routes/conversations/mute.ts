import { createRoute } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { conversationSchema } from '../../../core/serializers/conversation.js';
import { setConversationMuted } from '../../../core/services/conversations/mute.js';
import { conversationParams } from './params.js';

const muteRoute = (verb: 'mute' | 'unmute', summary: string) =>
  createRoute({
    method: 'post',
    path: `/api/v1/accounts/{account_id}/conversations/{conversation_id}/${verb}`,
    ...requires('conversations'),
    tags: ['Conversations'],
    summary,
    security: securityUserToken,
    request: { params: conversationParams },
    responses: { 200: jsonContent(conversationSchema, 'The conversation afterwards'), ...standardErrorResponses },
  });

const routes = [
  { muted: true, route: muteRoute('mute', 'Mute: resolve the conversation and keep it resolved when the customer writes again') },
  { muted: false, route: muteRoute('unmute', 'Unmute: the next customer message reopens the conversation again') },
] as const;

export function registerMuteConversation(app: OpenAPIHono<AppEnv>) {
  for (const { muted, route } of routes) {
    app.openapi(route, async (c) => c.json(await setConversationMuted({ ...c.var.deps, actor: c.var.actor }, { displayId: c.req.valid('param').conversation_id, muted }), 200));
  }
}
