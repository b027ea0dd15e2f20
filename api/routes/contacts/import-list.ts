import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { contactImportSchema, listAccountContactImports } from '../../../core/services/contacts/import.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/contacts/imports',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'The account’s 20 latest contact imports with their progress, newest first',
  security: securityUserToken,
  request: { params: accountParams },
  responses: { 200: jsonContent(z.object({ payload: z.array(contactImportSchema) }).openapi('ContactImportList'), 'The imports'), ...standardErrorResponses },
});

export function registerListContactImports(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json({ payload: await listAccountContactImports({ ...c.var.deps, actor: c.var.actor }) }, 200));
}
