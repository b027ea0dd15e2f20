import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { errorBodySchema, jsonContent, securityUserToken, standardErrorResponses, validatedJson, type PlainBodySchema, idParam } from '../../openapi-schemas.js';
import { invalid } from '../../../core/errors.js';
import { authorizeConversationUpload } from '../../../core/services/attachments/upload-access.js';
import type { StoredUpload } from '../../../core/services/attachments/receive.js';
import { cancelScheduledMessage, createScheduledMessage, listScheduledMessages, updateScheduledMessage } from '../../../core/services/messages/scheduled.js';
import { conversationParams } from '../conversations/params.js';
import { readMultipartUpload, withUploads } from '../multipart.js';

const scheduledMessageSchema = z
  .object({
    id: z.number().int(),
    conversation_id: z.number().int(),
    content: z.string().nullable(),
    send_at: z.number().int().openapi({ description: 'Unix seconds' }),
    status: z.enum(['pending', 'sent', 'cancelled']),
    author_id: z.number().int().nullable(),
    message_id: z.number().int().nullable().openapi({ description: 'The message it became when it was sent' }),
    attachments: z.array(z.object({ file_name: z.string(), content_type: z.string(), file_size: z.number().int() })),
    created_at: z.number().int(),
  })
  .openapi('ScheduledMessage');

/** Unix seconds, as Chatwoot's times, or an ISO 8601 time with its offset (the console sends the agent's own). */
const sendAtSchema = z
  // A form field carries Unix seconds as text.
  .preprocess((value) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value), z.union([z.number().int().positive(), z.string().datetime({ offset: true })]))
  .transform((value) => (typeof value === 'number' ? new Date(value * 1000) : new Date(value)))
  .openapi({ description: 'When to send: Unix seconds or an ISO 8601 time with offset; must be in the future', example: 1767225600 });

// `send_at` is required (the service says so, naming it): optional here because the router also
// checks a multipart request against this schema before its fields are read.
const createSchema = z.object({ content: z.string().max(150_000).nullable().optional(), send_at: sendAtSchema.optional() }).openapi('CreateScheduledMessageRequest');
const updateSchema = z.object({ content: z.string().max(150_000).nullable().optional(), send_at: sendAtSchema.optional() }).openapi('UpdateScheduledMessageRequest');
const scheduledParams = conversationParams.extend({ id: idParam.openapi({ param: { name: 'id', in: 'path' }, example: 1 }) });

const multipartSchema: PlainBodySchema = {
  type: 'object',
  properties: {
    content: { type: 'string', maxLength: 150_000 },
    send_at: { type: 'string', description: 'Unix seconds or an ISO 8601 time with offset' },
    'attachments[]': { type: 'array', items: { type: 'string', format: 'binary' } },
  },
};

const path = '/api/v1/accounts/{account_id}/conversations/{conversation_id}/scheduled_messages';

const listRoute = createRoute({
  method: 'get',
  path,
  ...requires('conversations'),
  tags: ['Scheduled messages'],
  summary: 'A conversation’s scheduled messages, soonest first',
  security: securityUserToken,
  request: { params: conversationParams },
  responses: { 200: jsonContent(z.object({ payload: z.array(scheduledMessageSchema) }), 'The scheduled messages'), ...standardErrorResponses },
});

const createRouteDefinition = createRoute({
  method: 'post',
  path,
  ...requires('conversations'),
  tags: ['Scheduled messages'],
  summary: 'Schedule a message (text and/or attachments[]) for a time; a system message says so in the conversation',
  security: securityUserToken,
  request: {
    params: conversationParams,
    body: { content: { 'application/json': { schema: createSchema }, 'multipart/form-data': { schema: multipartSchema } }, required: true },
  },
  responses: { 200: jsonContent(scheduledMessageSchema, 'The scheduled message'), ...standardErrorResponses },
});

const updateRoute = createRoute({
  method: 'patch',
  path: `${path}/{id}`,
  ...requires('conversations'),
  tags: ['Scheduled messages'],
  summary: 'Change a pending scheduled message’s text or time',
  security: securityUserToken,
  request: { params: scheduledParams, body: { content: { 'application/json': { schema: updateSchema } }, required: true } },
  responses: { 200: jsonContent(scheduledMessageSchema, 'The scheduled message'), ...standardErrorResponses, 409: jsonContent(errorBodySchema, 'It was already sent or cancelled') },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: `${path}/{id}`,
  ...requires('conversations'),
  tags: ['Scheduled messages'],
  summary: 'Cancel a pending scheduled message; a system message says so in the conversation',
  security: securityUserToken,
  request: { params: scheduledParams },
  responses: { 200: jsonContent(scheduledMessageSchema, 'The cancelled message'), ...standardErrorResponses, 409: jsonContent(errorBodySchema, 'It was already sent or cancelled') },
});

export function registerScheduledMessages(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => c.json({ payload: await listScheduledMessages({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').conversation_id) }, 200));

  app.openapi(createRouteDefinition, async (c) => {
    const ctx = { ...c.var.deps, actor: c.var.actor };
    const displayId = c.req.valid('param').conversation_id;
    const isMultipart = (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
    let files: StoredUpload[] = [];
    let fields: unknown;
    if (isMultipart) {
      const budget = await authorizeConversationUpload(ctx, displayId);
      const form = await readMultipartUpload(c.req.raw, { fileField: 'attachments', store: ctx.storage, budget });
      files = form.files;
      fields = form.fields;
    }
    const scheduled = await withUploads(ctx.storage, files, async () => {
      let body: z.infer<typeof createSchema>;
      if (isMultipart) {
        const parsed = createSchema.safeParse(fields);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw invalid(issue.path.join('.') || 'send_at', `${issue.path.join('.')}: ${issue.message}`);
        }
        body = parsed.data;
      } else {
        body = validatedJson<z.infer<typeof createSchema>>(c.req);
      }
      return createScheduledMessage(ctx, { displayId, content: body.content, sendAt: body.send_at, files });
    });
    return c.json(scheduled, 200);
  });

  app.openapi(updateRoute, async (c) => {
    const params = c.req.valid('param');
    const body = c.req.valid('json');
    return c.json(await updateScheduledMessage({ ...c.var.deps, actor: c.var.actor }, { displayId: params.conversation_id, id: params.id, content: body.content, sendAt: body.send_at }), 200);
  });

  app.openapi(deleteRoute, async (c) => {
    const params = c.req.valid('param');
    return c.json(await cancelScheduledMessage({ ...c.var.deps, actor: c.var.actor }, { displayId: params.conversation_id, id: params.id }), 200);
  });
}
