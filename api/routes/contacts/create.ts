import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { contactSchema } from '../../../core/serializers/contact.js';
import { inboxSchema } from '../../../core/serializers/inbox.js';
import { createContact } from '../../../core/services/contacts/create.js';
import { contactInputOf, createContactRequestSchema } from './schemas.js';

const createdContactSchema = z
  .object({
    payload: z.object({
      contact: contactSchema,
      contact_inbox: z.object({ inbox: inboxSchema, source_id: z.string() }).nullable(),
    }),
  })
  .openapi('CreatedContact');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/contacts',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'Create a contact, optionally with its address in an inbox',
  description: 'A second contact with the same email, phone number or identifier is refused with 422 naming the field.',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(createContactRequestSchema) },
  responses: { 200: jsonContent(createdContactSchema, 'The new contact'), ...standardErrorResponses },
});

export function registerCreateContact(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const payload = await createContact({ ...c.var.deps, actor: c.var.actor }, { ...contactInputOf(body), inboxId: body.inbox_id });
    return c.json({ payload }, 200);
  });
}
