import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { AppEnv } from '../../env.js';
import { accountParams, errorBodySchema, jsonContent, securityUserToken, standardErrorResponses, type PlainBodySchema } from '../../openapi-schemas.js';
import { contactImportSchema, contactImportUploadPolicy, startContactImport } from '../../../core/services/contacts/import.js';
import { assertCanManageContacts } from '../../../core/services/contacts/show.js';
import { UploadBudget } from '../../../core/services/attachments/receive.js';
import { invalid } from '../../../core/errors.js';
import { readMultipartUpload, withUploads } from '../multipart.js';

/** Plain OpenAPI, not zod: a zod form schema would make the router buffer the whole upload. */
const importFormSchema: PlainBodySchema = {
  type: 'object',
  required: ['import_file'],
  properties: { import_file: { type: 'string', format: 'binary', description: 'A UTF-8 CSV of up to 20 MiB and 200,000 rows; the header names the columns (see contacts/import/template)' } },
};

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/contacts/import',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'Import contacts from a CSV (multipart `import_file`); rows are written in the background, contacts with the same e-mail, identifier or phone number are updated',
  security: securityUserToken,
  request: { params: accountParams, body: { content: { 'multipart/form-data': { schema: importFormSchema } }, required: true } },
  responses: {
    200: jsonContent(z.object({ payload: contactImportSchema }).openapi('ContactImportPayload'), 'The import, queued; follow it at contacts/imports/{id}'),
    413: jsonContent(errorBodySchema, 'The file is larger than 20 MiB'),
    ...standardErrorResponses,
  },
});

export function registerImportContacts(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const ctx = { ...c.var.deps, actor: c.var.actor };
    // Authorise before storing a byte: the file streams to storage as the body arrives.
    assertCanManageContacts(ctx);
    const form = await readMultipartUpload(c.req.raw, { fileField: 'import_file', store: ctx.storage, budget: new UploadBudget(undefined, 'import_file'), policy: contactImportUploadPolicy, maxFiles: 1 });
    const [file] = form.files;
    if (!file) throw invalid('import_file', 'Attach the CSV file as import_file');
    const payload = await withUploads(ctx.storage, form.files, () => startContactImport(ctx, file));
    return c.json({ payload }, 200);
  });
}
