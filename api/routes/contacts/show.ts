import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { contactSchema, serializeContact } from '../../../core/serializers/contact.js';
import { findAccountContact } from '../../../core/services/contacts/show.js';
import { contactParams } from './schemas.js';

export const contactPayloadSchema = z.object({ payload: contactSchema }).openapi('ContactPayload');

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/contacts/{id}',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'Show a contact',
  security: securityUserToken,
  request: { params: contactParams },
  responses: { 200: jsonContent(contactPayloadSchema, 'The contact'), ...standardErrorResponses },
});

export function registerShowContact(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const contact = await findAccountContact({ ...c.var.deps, actor: c.var.actor }, id);
    return c.json({ payload: serializeContact(contact) }, 200);
  });
}
