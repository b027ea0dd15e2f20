import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { listContactsPage } from '../../../core/services/contacts/list.js';
import { contactPageSchema } from './list.js';
import { contactListQueryFields } from './schemas.js';

export const contactSearchQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(200).openapi({ description: 'Matched anywhere in name, email, phone number or identifier', example: 'maria' }),
    ...contactListQueryFields,
  })
  .openapi('ContactSearchQuery');

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/contacts/search',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'Search contacts by name, email, phone number or identifier',
  security: securityUserToken,
  request: { params: accountParams, query: contactSearchQuerySchema },
  responses: { 200: jsonContent(contactPageSchema, 'One page of matching contacts and their count'), ...standardErrorResponses },
});

/** Register before the `/contacts/{id}` routes so "search" is not taken for an id. */
export function registerSearchContacts(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { q, page, sort } = c.req.valid('query');
    return c.json(await listContactsPage({ ...c.var.deps, actor: c.var.actor }, { query: q, page, sort }), 200);
  });
}
