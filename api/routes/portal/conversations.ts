import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requireGuest } from '../../auth/guest-middleware.js';
import { jsonContent, validatedJson, type PlainBodySchema, idParam } from '../../openapi-schemas.js';
import { publicMessageSchema } from '../../../core/serializers/public.js';
import { createGuestMessage, findGuestConversation, listGuestDocuments, listGuestMessages } from '../../../core/services/guests/portal.js';
import { UploadBudget, type StoredUpload } from '../../../core/services/attachments/receive.js';
import { invalid } from '../../../core/errors.js';
import { readMultipartUpload, withUploads } from '../multipart.js';
import { guestDocumentSchema, portalBase, portalConversationParams, portalErrorResponses, securityGuestCookie } from './schemas.js';

const guestMessageRequestSchema = z
  .object({
    content: z.string().max(150_000).nullable().optional(),
    echo_id: z.string().min(1).max(255).optional().openapi({ description: "The guest's retry key: repeating it returns the first message" }),
  })
  .openapi('GuestMessageRequest');

const multipartSchema: PlainBodySchema = {
  type: 'object',
  properties: {
    content: { type: 'string', maxLength: 150_000 },
    echo_id: { type: 'string', minLength: 1, maxLength: 255 },
    'attachments[]': { type: 'array', items: { type: 'string', format: 'binary' } },
  },
};

const listRoute = createRoute({
  method: 'get',
  path: `${portalBase}/conversations/{conversation_id}/messages`,
  ...requires('public'),
  tags: ['Guest portal'],
  summary: 'The messages of a conversation given to the guest (never private notes), oldest first; `before` pages back',
  security: securityGuestCookie,
  middleware: [requireGuest] as const,
  request: { params: portalConversationParams, query: z.object({ before: idParam.optional() }) },
  responses: { 200: jsonContent(z.object({ payload: z.array(publicMessageSchema) }), 'The messages'), ...portalErrorResponses },
});

const createRoute_ = createRoute({
  method: 'post',
  path: `${portalBase}/conversations/{conversation_id}/messages`,
  ...requires('public'),
  tags: ['Guest portal'],
  summary: 'The guest replies, with text and files (multipart attachments[]); agents see it in the conversation, marked as from the guest',
  security: securityGuestCookie,
  middleware: [requireGuest] as const,
  request: {
    params: portalConversationParams,
    body: { content: { 'application/json': { schema: guestMessageRequestSchema }, 'multipart/form-data': { schema: multipartSchema } }, required: true },
  },
  responses: { 200: jsonContent(publicMessageSchema, 'The stored message'), ...portalErrorResponses },
});

const documentsRoute = createRoute({
  method: 'get',
  path: `${portalBase}/conversations/{conversation_id}/documents`,
  ...requires('public'),
  tags: ['Guest portal'],
  summary: 'The Documents panel: every file shared in the conversation, who shared it and when',
  security: securityGuestCookie,
  middleware: [requireGuest] as const,
  request: { params: portalConversationParams },
  responses: { 200: jsonContent(z.object({ payload: z.array(guestDocumentSchema) }), 'The files, oldest first'), ...portalErrorResponses },
});

export function registerPortalConversations(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const { conversation_id } = c.req.valid('param');
    return c.json({ payload: await listGuestMessages(c.var.deps, c.var.guest, { displayId: conversation_id, before: c.req.valid('query').before }) }, 200);
  });
  app.openapi(createRoute_, async (c) => {
    const { deps, guest } = c.var;
    const displayId = c.req.valid('param').conversation_id;
    const isMultipart = (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
    let files: StoredUpload[] = [];
    let fields: unknown;
    if (isMultipart) {
      // Authorise before a byte is stored.
      await findGuestConversation(deps, guest, displayId);
      const form = await readMultipartUpload(c.req.raw, { fileField: 'attachments', store: deps.storage, budget: new UploadBudget() });
      files = form.files;
      fields = form.fields;
    }
    const message = await withUploads(deps.storage, files, async () => {
      let body: z.infer<typeof guestMessageRequestSchema>;
      if (isMultipart) {
        const parsed = guestMessageRequestSchema.safeParse(fields);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw invalid(issue.path.join('.'), `${issue.path.join('.')}: ${issue.message}`);
        }
        body = parsed.data;
      } else {
        body = validatedJson<z.infer<typeof guestMessageRequestSchema>>(c.req);
      }
      return createGuestMessage(deps, guest, { displayId, content: body.content, echoId: body.echo_id, files });
    });
    return c.json(message, 200);
  });
  app.openapi(documentsRoute, async (c) => c.json({ payload: await listGuestDocuments(c.var.deps, c.var.guest, c.req.valid('param').conversation_id) }, 200));
}
