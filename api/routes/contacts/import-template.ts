import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { AppEnv } from '../../env.js';
import { accountParams, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { contactImportTemplate } from '../../../core/services/contacts/import.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/contacts/import/template',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'A CSV template for contacts/import: name, email, phone_number, identifier, city, country, company_name and the account’s contact custom attributes',
  security: securityUserToken,
  request: { params: accountParams },
  responses: { 200: { content: { 'text/csv': { schema: { type: 'string' as const } } }, description: 'The template, with one example row' }, ...standardErrorResponses },
});

export function registerContactImportTemplate(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const csv = await contactImportTemplate({ ...c.var.deps, actor: c.var.actor });
    return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="contacts-template.csv"', 'x-content-type-options': 'nosniff' });
  });
}
