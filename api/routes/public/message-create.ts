import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { invalid } from '../../../core/errors.js';
import { errorBodySchema, jsonContent, type PlainBodySchema, validatedJson } from '../../openapi-schemas.js';
import { publicMessageSchema } from '../../../core/serializers/public.js';
import { authorizePublicUpload } from '../../../core/services/attachments/upload-access.js';
import { createPublicMessage } from '../../../core/services/public/messages.js';
import { readMultipartUpload, withUploads } from '../multipart.js';
import { conversationParams, publicErrorResponses } from './schemas.js';

const echoId = z.string().min(1).max(100).optional().openapi({ description: 'A client-chosen retry key: repeating it returns your first message instead of a duplicate; one used by someone else in the conversation is a 409' });

const jsonSchema = z.object({ content: z.string().optional(), echo_id: echoId }).openapi('PublicMessageRequest');

const formFieldsSchema = z.object({ content: z.string().optional(), echo_id: echoId });

/**
 * The multipart form, for the OpenAPI document only: a zod form schema would make the router buffer
 * the whole body; the fields are validated with formFieldsSchema once the files have streamed.
 */
const binaryFiles = { type: 'array', items: { type: 'string', format: 'binary' }, description: 'Up to 15 files of 20 MiB each, 40 MiB a request, within the daily quotas' } as const;
const formSchema: PlainBodySchema = {
  type: 'object',
  properties: { content: { type: 'string' }, echo_id: { type: 'string', minLength: 1, maxLength: 100 }, 'attachments[]': { ...binaryFiles, items: { ...binaryFiles.items } }, attachments: { ...binaryFiles, items: { ...binaryFiles.items } } },
};

const route = createRoute({
  method: 'post',
  path: '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/messages',
  ...requires('public'),
  tags: ['Public'],
  summary: 'The visitor writes (JSON, or multipart with attachments[]); reopens a resolved or snoozed conversation',
  request: {
    params: conversationParams,
    body: { content: { 'application/json': { schema: jsonSchema }, 'multipart/form-data': { schema: formSchema } }, required: false },
  },
  responses: { 200: jsonContent(publicMessageSchema, 'The stored message'), ...publicErrorResponses, 409: jsonContent(errorBodySchema, '`echo_id` already belongs to another message') },
});

export function registerPublicMessageCreate(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { inbox_identifier, contact_identifier, conversation_id } = c.req.valid('param');
    const scope = { inboxIdentifier: inbox_identifier, contactIdentifier: contact_identifier, displayId: conversation_id };
    const deps = c.var.deps;
    const isForm = (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
    if (!isForm) {
      const body = validatedJson<z.infer<typeof jsonSchema>>(c.req);
      return c.json(await createPublicMessage(deps, { ...scope, content: body.content, echoId: body.echo_id }), 200);
    }
    // The visitor and what is left of the quotas are checked before a byte is stored.
    const budget = await authorizePublicUpload(deps, scope);
    // Chatwoot's widget sends `attachments[]`; `attachments` is accepted too.
    const form = await readMultipartUpload(c.req.raw, { fileField: 'attachments', store: deps.storage, budget });
    const message = await withUploads(deps.storage, form.files, async () => {
      if ('attachments' in form.fields || 'attachments[]' in form.fields) throw invalid('attachments', 'attachments must be files');
      const parsed = formFieldsSchema.safeParse(form.fields);
      if (!parsed.success) {
        const field = parsed.error.issues[0].path.join('.');
        throw invalid(field, `${field}: ${parsed.error.issues[0].message}`);
      }
      return createPublicMessage(deps, { ...scope, content: parsed.data.content, echoId: parsed.data.echo_id, files: form.files });
    });
    return c.json(message, 200);
  });
}
