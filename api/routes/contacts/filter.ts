import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, filterPayloadSchema, jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { filterContactsPage } from '../../../core/services/contacts/filter.js';
import { contactPageSchema } from './list.js';
import { contactListQueryFields } from './schemas.js';
import { requires } from '../../route-access.js';

export const contactFilterQuerySchema = z.object(contactListQueryFields).openapi('ContactFilterQuery');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/contacts/filter',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'Contacts matching Chatwoot’s filter payload (AND binds tighter than OR), 15 per page',
  security: securityUserToken,
  request: { params: accountParams, query: contactFilterQuerySchema, body: jsonBody(filterPayloadSchema) },
  responses: { 200: jsonContent(contactPageSchema, 'One page of matching contacts and their count'), ...standardErrorResponses },
});

export function registerFilterContacts(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { page, sort } = c.req.valid('query');
    const { payload } = c.req.valid('json');
    return c.json(await filterContactsPage({ ...c.var.deps, actor: c.var.actor }, { page, sort, payload }), 200);
  });
}
