import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { contactSchema } from '../../../core/serializers/contact.js';
import { listContactsPage } from '../../../core/services/contacts/list.js';
import { contactListQueryFields } from './schemas.js';

export const contactListQuerySchema = z.object(contactListQueryFields).openapi('ContactListQuery');

export const contactPageSchema = z
  .object({
    meta: z.object({ count: z.number().int(), current_page: z.number().int() }),
    payload: z.array(contactSchema),
  })
  .openapi('ContactPage');

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/contacts',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'List the account’s contacts, 15 per page',
  security: securityUserToken,
  request: { params: accountParams, query: contactListQuerySchema },
  responses: { 200: jsonContent(contactPageSchema, 'One page of contacts and the total count'), ...standardErrorResponses },
});

export function registerListContacts(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { page, sort } = c.req.valid('query');
    return c.json(await listContactsPage({ ...c.var.deps, actor: c.var.actor }, { page, sort }), 200);
  });
}
