import { createRoute } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent } from '../../openapi-schemas.js';
import { publicContactSchema } from '../../../core/serializers/public.js';
import { updatePublicContact } from '../../../core/services/public/contacts.js';
import { contactBodySchema, contactParams, normalizePhone, contactErrorResponses } from './schemas.js';

const route = createRoute({
  method: 'patch',
  path: '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}',
  ...requires('public'),
  tags: ['Public'],
  summary: "Update the visitor's name, e-mail, phone or custom attributes; an identifier proven by identifier_hash joins the contact with that identifier",
  request: { params: contactParams, body: jsonBody(contactBodySchema) },
  responses: { 200: jsonContent(publicContactSchema, 'The contact'), ...contactErrorResponses },
});

export function registerPublicContactUpdate(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { inbox_identifier, contact_identifier } = c.req.valid('param');
    const body = c.req.valid('json');
    const contact = await updatePublicContact(c.var.deps, {
      inboxIdentifier: inbox_identifier,
      contactIdentifier: contact_identifier,
      identity: { identifier: body.identifier, identifierHash: body.identifier_hash },
      fields: { name: body.name, email: body.email, phoneNumber: normalizePhone(body.phone_number), customAttributes: body.custom_attributes },
    });
    return c.json(contact, 200);
  });
}
