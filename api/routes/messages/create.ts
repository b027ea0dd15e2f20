import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { messageContentTypes } from '../../../db/schema/index.js';
import type { AppEnv } from '../../env.js';
import { errorBodySchema, jsonContent, type PlainBodySchema, validatedJson, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { messageSchema } from '../../../core/serializers/message.js';
import { createConversationMessage } from '../../../core/services/messages/create.js';
import { conversationParams } from '../conversations/params.js';
import { readMultipartUpload, withUploads } from '../multipart.js';
import { invalid } from '../../../core/errors.js';
import { authorizeConversationUpload } from '../../../core/services/attachments/upload-access.js';
import type { StoredUpload } from '../../../core/services/attachments/receive.js';

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

/**
 * The multipart form, for the OpenAPI document only: a plain schema rather than zod, because a zod
 * form schema makes the router buffer the whole body to validate it. The fields are validated with
 * createMessageRequestSchema once the files have streamed to storage.
 */
const multipartSchema: PlainBodySchema = {
  type: 'object',
  properties: {
    content: { type: 'string', maxLength: 150_000 },
    message_type: { type: 'string', enum: ['outgoing', 'incoming'] },
    private: { type: 'string', enum: ['true', 'false'] },
    content_type: { type: 'string', enum: [...messageContentTypes] },
    echo_id: { type: 'string', minLength: 1, maxLength: 255 },
    source_id: { type: 'string', minLength: 1, maxLength: 255 },
    'attachments[]': { type: 'array', items: { type: 'string', format: 'binary' }, description: 'Up to 15 files of 20 MiB each, 40 MiB a request' },
  },
};

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages',
  ...requires('conversations'),
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
    const isMultipart = (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
    const ctx = { ...c.var.deps, actor: c.var.actor };
    const displayId = c.req.valid('param').conversation_id;
    let files: StoredUpload[] = [];
    let fields: unknown;
    if (isMultipart) {
      // Authorise before storing a byte: files stream to storage as the body arrives.
      const budget = await authorizeConversationUpload(ctx, displayId);
      const form = await readMultipartUpload(c.req.raw, { fileField: 'attachments', store: ctx.storage, budget });
      files = form.files;
      fields = { ...form.fields, private: form.fields.private === 'true' };
    }
    const message = await withUploads(ctx.storage, files, async () => {
      let body: z.infer<typeof createMessageRequestSchema>;
      if (isMultipart) {
        const parsed = createMessageRequestSchema.safeParse(fields);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw invalid(issue.path.join('.'), `${issue.path.join('.')}: ${issue.message}`);
        }
        body = parsed.data;
      } else {
        body = validatedJson<z.infer<typeof createMessageRequestSchema>>(c.req);
      }
      return createConversationMessage(ctx, {
        displayId,
        content: body.content,
        messageType: body.message_type,
        private: body.private,
        contentType: body.content_type,
        contentAttributes: body.content_attributes,
        echoId: body.echo_id,
        sourceId: body.source_id,
        files,
      });
    });
    return c.json(message, 200);
  });
}
