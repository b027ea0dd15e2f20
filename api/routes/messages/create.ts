import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { messageContentTypes } from '../../../db/schema/index.js';
import type { AppEnv } from '../../env.js';
import { errorBodySchema, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { messageSchema } from '../../../core/serializers/message.js';
import { createConversationMessage } from '../../../core/services/messages/create.js';
import { conversationParams } from '../conversations/params.js';
import { readFiles } from '../multipart.js';
import { invalid } from '../../../core/errors.js';

export const createMessageRequestSchema = z
  .object({
    content: z.string().max(150_000).nullable().optional(),
    message_type: z.enum(['outgoing', 'incoming']).default('outgoing'),
    private: z.boolean().default(false),
    content_type: z.enum(messageContentTypes).optional(),
    content_attributes: z.record(z.string(), z.unknown()).optional(),
    echo_id: z.string().min(1).max(255).optional().openapi({ description: 'Retry key of the sender in this conversation: the same sender repeating it gets its first message back; a clash with another sender’s or kind of message is a 409' }),
    source_id: z.string().min(1).max(255).optional().openapi({ description: 'The channel’s id for the message (e.g. an e-mail Message-ID), unique per inbox; reused by another conversation or sender it is a 409' }),
  })
  .openapi('CreateMessageRequest');

const multipartSchema = createMessageRequestSchema
  .omit({ content_attributes: true, private: true })
  .extend({
    private: z.enum(['true', 'false']).optional(),
    'attachments[]': z.array(z.any().openapi({ type: 'string', format: 'binary' })).optional(),
  })
  .openapi('CreateMessageMultipartRequest');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages',
  tags: ['Messages'],
  summary: 'Reply, add a private note, or post the customer’s message; JSON, or multipart with attachments[]',
  security: securityUserToken,
  request: {
    params: conversationParams,
    body: {
      content: { 'application/json': { schema: createMessageRequestSchema }, 'multipart/form-data': { schema: multipartSchema } },
      required: true,
    },
  },
  responses: {
    200: jsonContent(messageSchema, 'The stored message'),
    ...standardErrorResponses,
    409: jsonContent(errorBodySchema, '`echo_id` or `source_id` (named in `error.field`) already belongs to another message'),
  },
});

export function registerCreateMessage(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const isMultipart = (c.req.header('content-type') ?? '').startsWith('multipart/form-data');
    let body: z.infer<typeof createMessageRequestSchema>;
    let files: Awaited<ReturnType<typeof readFiles>>['files'] = [];
    if (isMultipart) {
      const form = await readFiles(c.req, 'attachments');
      const parsed = createMessageRequestSchema.safeParse({ ...form.fields, private: form.fields.private === 'true' });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw invalid(issue.path.join('.'), `${issue.path.join('.')}: ${issue.message}`);
      }
      body = parsed.data;
      files = form.files;
    } else {
      body = c.req.valid('json') as z.infer<typeof createMessageRequestSchema>;
    }
    const message = await createConversationMessage(
      { ...c.var.deps, actor: c.var.actor },
      {
        displayId: c.req.valid('param').conversation_id,
        content: body.content,
        messageType: body.message_type,
        private: body.private,
        contentType: body.content_type,
        contentAttributes: body.content_attributes,
        echoId: body.echo_id,
        sourceId: body.source_id,
        files,
      },
    );
    return c.json(message, 200);
  });
}
