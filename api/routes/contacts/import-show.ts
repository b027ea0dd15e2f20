import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { contactImportSchema, showContactImport } from '../../../core/services/contacts/import.js';
import { contactImportParams } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/contacts/imports/{import_id}',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'One contact import’s progress: rows done of total, created, updated and failed',
  security: securityUserToken,
  request: { params: contactImportParams },
  responses: { 200: jsonContent(z.object({ payload: contactImportSchema }), 'The import'), ...standardErrorResponses },
});

export function registerShowContactImport(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json({ payload: await showContactImport({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').import_id) }, 200));
}
