import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { invalid } from '../../../core/errors.js';
import { errorBodySchema, jsonContent } from '../../openapi-schemas.js';
import { publicMessageSchema } from '../../../core/serializers/public.js';
import type { IncomingFile } from '../../../core/services/messages/create.js';
import { createPublicMessage } from '../../../core/services/public/messages.js';
import { conversationParams, publicErrorResponses } from './schemas.js';

const echoId = z.string().min(1).max(100).optional().openapi({ description: 'A client-chosen retry key: repeating it returns your first message instead of a duplicate; one used by someone else in the conversation is a 409' });

const jsonSchema = z.object({ content: z.string().optional(), echo_id: echoId }).openapi('PublicMessageRequest');

const binaryFiles = z.any().optional().openapi({ type: 'array', items: { type: 'string', format: 'binary' } });
const formSchema = z.object({ content: z.string().optional(), echo_id: echoId, 'attachments[]': binaryFiles, attachments: binaryFiles });

const route = createRoute({
  method: 'post',
  path: '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/messages',
  tags: ['Public'],
  summary: 'The visitor writes (JSON, or multipart with attachments[]); reopens a resolved or snoozed conversation',
  request: {
    params: conversationParams,
    body: { content: { 'application/json': { schema: jsonSchema }, 'multipart/form-data': { schema: formSchema } }, required: false },
  },
  responses: { 200: jsonContent(publicMessageSchema, 'The stored message'), ...publicErrorResponses, 409: jsonContent(errorBodySchema, '`echo_id` already belongs to another message') },
});

/** Files under `attachments[]` (Chatwoot's name) or `attachments`; anything that is not a file is refused. */
async function filesOf(form: z.infer<typeof formSchema>): Promise<IncomingFile[]> {
  const values = [form['attachments[]'], form.attachments].flatMap((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
  return Promise.all(
    values.map(async (value) => {
      if (!(value instanceof File)) throw invalid('attachments', 'attachments must be files');
      return { name: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) };
    }),
  );
}

export function registerPublicMessageCreate(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { inbox_identifier, contact_identifier, conversation_id } = c.req.valid('param');
    const contentType = c.req.header('content-type') ?? '';
    const isForm = contentType !== '' && !/^application\/([\w.-]+\+)?json/i.test(contentType);
    const body = isForm ? c.req.valid('form') : c.req.valid('json');
    const files = isForm ? await filesOf(body) : [];
    const message = await createPublicMessage(c.var.deps, {
      inboxIdentifier: inbox_identifier,
      contactIdentifier: contact_identifier,
      displayId: conversation_id,
      content: body.content,
      echoId: body.echo_id,
      files,
    });
    return c.json(message, 200);
  });
}
