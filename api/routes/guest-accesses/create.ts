import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses, validatedJson, type PlainBodySchema, emailAddress } from '../../openapi-schemas.js';
import { createGuestAccess } from '../../../core/services/guests/accesses.js';
import { authorizeConversationUpload } from '../../../core/services/attachments/upload-access.js';
import type { StoredUpload } from '../../../core/services/attachments/receive.js';
import { invalid } from '../../../core/errors.js';
import { conversationParams } from '../conversations/params.js';
import { readMultipartUpload, withUploads } from '../multipart.js';
import { createdGuestAccessSchema } from './schemas.js';

const formBoolean = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);

export const createGuestAccessRequestSchema = z
  .object({
    email: emailAddress.optional().openapi({ description: "The guest's login; omitted, the contact's e-mail" }),
    password: z.string().min(1).max(200).optional().openapi({ description: 'Omitted: Parley generates one and returns it once as generated_password' }),
    content: z.string().max(150_000).nullable().optional().openapi({ description: 'The first message, posted in the conversation' }),
    send_email: formBoolean.default(true).openapi({ description: 'Mail the guest the portal link and a set-password link' }),
    include_password: formBoolean.default(false).openapi({ description: 'Also put the typed password in the mail' }),
  })
  .openapi('CreateGuestAccessRequest');

// For the OpenAPI document only: multipart bodies stream to storage, then the fields are checked with the zod schema above.
const multipartSchema: PlainBodySchema = {
  type: 'object',
  properties: {
    email: { type: 'string', format: 'email' },
    password: { type: 'string' },
    content: { type: 'string', maxLength: 150_000 },
    send_email: { type: 'string', enum: ['true', 'false'] },
    include_password: { type: 'string', enum: ['true', 'false'] },
    'attachments[]': { type: 'array', items: { type: 'string', format: 'binary' }, description: 'Files sent with the first message' },
  },
};

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/conversations/{conversation_id}/guest_accesses',
  ...requires('conversations'),
  tags: ['External access'],
  summary: 'Create external access: a guest (e-mail + password) may read and write this conversation in the portal; posts the first message with its files and, if asked, mails the access details',
  security: securityUserToken,
  request: {
    params: conversationParams,
    body: { content: { 'application/json': { schema: createGuestAccessRequestSchema }, 'multipart/form-data': { schema: multipartSchema } }, required: true },
  },
  responses: { 200: jsonContent(createdGuestAccessSchema, 'The access, and the first message'), ...standardErrorResponses },
});

export function registerCreateGuestAccess(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
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
    const created = await withUploads(ctx.storage, files, async () => {
      let body: z.infer<typeof createGuestAccessRequestSchema>;
      if (isMultipart) {
        const parsed = createGuestAccessRequestSchema.safeParse(fields);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw invalid(issue.path.join('.'), `${issue.path.join('.')}: ${issue.message}`);
        }
        body = parsed.data;
      } else {
        body = validatedJson<z.infer<typeof createGuestAccessRequestSchema>>(c.req);
      }
      return createGuestAccess(ctx, {
        displayId,
        email: body.email,
        password: body.password,
        content: body.content,
        files,
        sendEmail: body.send_email,
        includePassword: body.include_password,
      });
    });
    c.header('cache-control', 'no-store');
    return c.json(created, 200);
  });
}
