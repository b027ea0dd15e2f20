import { createRoute } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { updateContact } from '../../../core/services/contacts/update.js';
import { contactPayloadSchema } from './show.js';
import { contactInputOf, contactParams, updateContactRequestSchema } from './schemas.js';

const route = createRoute({
  method: 'put',
  path: '/api/v1/accounts/{account_id}/contacts/{id}',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'Update a contact (fields left out stay; attributes are merged)',
  security: securityUserToken,
  request: { params: contactParams, body: jsonBody(updateContactRequestSchema) },
  responses: { 200: jsonContent(contactPayloadSchema, 'The updated contact'), ...standardErrorResponses },
});

export function registerUpdateContact(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const payload = await updateContact({ ...c.var.deps, actor: c.var.actor }, id, contactInputOf(c.req.valid('json')));
    return c.json({ payload }, 200);
  });
}
