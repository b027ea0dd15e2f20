import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses, emailAddress } from '../../openapi-schemas.js';
import { requestTranscript } from '../../../core/services/conversations/transcript.js';
import { conversationParams } from './params.js';

const transcriptRequestSchema = z
  .object({ email: emailAddress.optional().openapi({ description: 'Where to send it; default: the contact’s address' }) })
  .openapi('TranscriptRequest');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/conversations/{conversation_id}/transcript',
  ...requires('conversations'),
  tags: ['Conversations'],
  summary: 'Email the conversation’s transcript (messages and attachments, private notes left out), as Chatwoot; sent once through the outbound path',
  security: securityUserToken,
  request: { params: conversationParams, body: jsonBody(transcriptRequestSchema) },
  responses: {
    200: jsonContent(z.object({ message_id: z.number().int().openapi({ description: 'The private activity message that tracks the mail (queued → sent or failed)' }), email: z.string() }), 'Queued'),
    ...standardErrorResponses,
  },
});

export function registerTranscript(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const queued = await requestTranscript({ ...c.var.deps, actor: c.var.actor }, { displayId: c.req.valid('param').conversation_id, email: c.req.valid('json').email });
    return c.json({ message_id: queued.id, email: queued.to }, 200);
  });
}
