import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Readable } from 'node:stream';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses, validatedJson, type PlainBodySchema, idParam } from '../../openapi-schemas.js';
import { createDirectMessage, listDirectConversationMessages, openDirectAttachment } from '../../../core/services/direct-messages/direct-messages.js';
import { findDirectConversationOfParticipant } from '../../../db/queries/direct-messages.js';
import { UploadBudget, type StoredUpload } from '../../../core/services/attachments/receive.js';
import { invalid, notFound } from '../../../core/errors.js';
import { readMultipartUpload, withUploads } from '../multipart.js';
import { directConversationParams, directMessageSchema } from './schemas.js';

const base = '/api/v1/accounts/{account_id}/direct_conversations/{direct_conversation_id}';

const directMessageRequestSchema = z
  .object({
    content: z.string().max(150_000).nullable().optional(),
    echo_id: z.string().min(1).max(255).optional().openapi({ description: "The sender's retry key: repeating it returns the first message" }),
  })
  .openapi('CreateDirectMessageRequest');

const multipartSchema: PlainBodySchema = {
  type: 'object',
  properties: { content: { type: 'string', maxLength: 150_000 }, echo_id: { type: 'string' }, 'attachments[]': { type: 'array', items: { type: 'string', format: 'binary' } } },
};

const listRoute = createRoute({
  method: 'get',
  path: `${base}/messages`,
  ...requires('account_member'),
  tags: ['Direct messages'],
  summary: 'The messages, oldest first; `before` pages back. 404 for anyone not taking part',
  security: securityUserToken,
  request: { params: directConversationParams, query: z.object({ before: idParam.optional() }) },
  responses: { 200: jsonContent(z.object({ payload: z.array(directMessageSchema) }), 'The messages'), ...standardErrorResponses },
});

const createRoute_ = createRoute({
  method: 'post',
  path: `${base}/messages`,
  ...requires('account_member'),
  tags: ['Direct messages'],
  summary: 'Write in the conversation (JSON, or multipart with attachments[]); the others are notified',
  security: securityUserToken,
  request: {
    params: directConversationParams,
    body: { content: { 'application/json': { schema: directMessageRequestSchema }, 'multipart/form-data': { schema: multipartSchema } }, required: true },
  },
  responses: { 200: jsonContent(directMessageSchema, 'The stored message'), ...standardErrorResponses },
});

const downloadRoute = createRoute({
  method: 'get',
  path: `${base}/attachments/{attachment_id}/{file_name}`,
  ...requires('account_member'),
  tags: ['Direct messages'],
  summary: 'Download a file of the conversation: participants only (404 for anyone else)',
  security: securityUserToken,
  request: {
    params: directConversationParams.extend({
      attachment_id: idParam.openapi({ param: { name: 'attachment_id', in: 'path' } }),
      file_name: z.string().max(300).openapi({ param: { name: 'file_name', in: 'path' } }),
    }),
  },
  responses: { 200: { description: 'The file' }, ...standardErrorResponses },
});

export function registerDirectMessages(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const ctx = { ...c.var.deps, actor: c.var.actor };
    return c.json({ payload: await listDirectConversationMessages(ctx, { conversationId: c.req.valid('param').direct_conversation_id, before: c.req.valid('query').before }) }, 200);
  });
  app.openapi(createRoute_, async (c) => {
    const ctx = { ...c.var.deps, actor: c.var.actor };
    const conversationId = c.req.valid('param').direct_conversation_id;
    const isMultipart = (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
    let files: StoredUpload[] = [];
    let fields: unknown;
    if (isMultipart) {
      // Authorise before a byte is stored.
      if (!(await findDirectConversationOfParticipant(ctx.db, { accountId: ctx.actor.accountId, conversationId, userId: ctx.actor.userId }))) throw notFound('Direct conversation');
      const form = await readMultipartUpload(c.req.raw, { fileField: 'attachments', store: ctx.storage, budget: new UploadBudget() });
      files = form.files;
      fields = form.fields;
    }
    const message = await withUploads(ctx.storage, files, async () => {
      let body: z.infer<typeof directMessageRequestSchema>;
      if (isMultipart) {
        const parsed = directMessageRequestSchema.safeParse(fields);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw invalid(issue.path.join('.'), `${issue.path.join('.')}: ${issue.message}`);
        }
        body = parsed.data;
      } else {
        body = validatedJson<z.infer<typeof directMessageRequestSchema>>(c.req);
      }
      return createDirectMessage(ctx, { conversationId, content: body.content, echoId: body.echo_id, files });
    });
    return c.json(message, 200);
  });
  app.openapi(downloadRoute, async (c) => {
    const { direct_conversation_id, attachment_id } = c.req.valid('param');
    const { file, body } = await openDirectAttachment({ ...c.var.deps, actor: c.var.actor }, { conversationId: direct_conversation_id, attachmentId: attachment_id });
    return c.body(Readable.toWeb(body) as ReadableStream<Uint8Array>, 200, {
      'content-type': file.contentType,
      'content-length': String(file.byteSize),
      'content-disposition': `${file.fileType === 'image' ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
    }) as never;
  });
}
