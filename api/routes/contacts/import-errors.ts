import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Readable } from 'node:stream';
import { requires } from '../../route-access.js';
import type { AppEnv } from '../../env.js';
import { securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { contactImportErrorReport } from '../../../core/services/contacts/import.js';
import { contactImportParams } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/contacts/imports/{import_id}/errors',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'The rows an import refused, as CSV: row number in the file (the header is row 1), column and reason',
  security: securityUserToken,
  request: { params: contactImportParams },
  responses: { 200: { content: { 'text/csv': { schema: { type: 'string' as const } } }, description: 'The error report, streamed' }, ...standardErrorResponses },
});

export function registerContactImportErrors(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const report = await contactImportErrorReport({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').import_id);
    const bytes = Readable.from(report.lines, { objectMode: false });
    return c.body(Readable.toWeb(bytes) as ReadableStream<Uint8Array>, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(report.fileName)}`,
      'x-content-type-options': 'nosniff',
    });
  });
}
