import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Readable } from 'node:stream';
import { requires } from '../../route-access.js';
import type { AppEnv } from '../../env.js';
import { accountParams, filterConditionSchema, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { exportContacts } from '../../../core/services/contacts/export.js';

/** The filter travels as JSON in the query string, so a plain link (the console's button) downloads straight to disk. */
const filterPayloadParam = z
  .string()
  .max(20_000)
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'payload must be JSON: Chatwoot’s filter conditions' });
      return z.NEVER;
    }
  })
  .pipe(z.array(filterConditionSchema).max(20));

export const contactExportQuerySchema = z
  .object({
    q: z.string().trim().max(200).optional().openapi({ description: 'Only contacts whose name, e-mail, phone or identifier contain this' }),
    payload: filterPayloadParam.optional().openapi({ type: 'string', description: 'Chatwoot’s filter payload (the conditions array of contacts/filter) as JSON' }),
  })
  .openapi('ContactExportQuery');

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/contacts/export',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'The contacts matching a search and/or filter as CSV, streamed (the import’s columns, then id and created_at)',
  security: securityUserToken,
  request: { params: accountParams, query: contactExportQuerySchema },
  responses: { 200: { content: { 'text/csv': { schema: { type: 'string' as const } } }, description: 'The contacts' }, ...standardErrorResponses },
});

export function registerExportContacts(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { q, payload } = c.req.valid('query');
    const lines = await exportContacts({ ...c.var.deps, actor: c.var.actor }, { query: q || undefined, payload });
    return c.body(Readable.toWeb(Readable.from(lines, { objectMode: false })) as ReadableStream<Uint8Array>, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="contacts.csv"',
      'x-content-type-options': 'nosniff',
    });
  });
}
