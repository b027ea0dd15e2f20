import { createRoute } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent } from '../../openapi-schemas.js';
import { publicContactSchema } from '../../../core/serializers/public.js';
import { createPublicContact } from '../../../core/services/public/contacts.js';
import { contactBodySchema, inboxParams, normalizePhone, contactErrorResponses, visitorFacts } from './schemas.js';

const route = createRoute({
  method: 'post',
  path: '/public/api/v1/inboxes/{inbox_identifier}/contacts',
  ...requires('public'),
  tags: ['Public'],
  summary: 'Create a visitor (a new contact unless identifier_hash proves identifier); the returned source_id is the contact identifier for every other public call',
  request: { params: inboxParams, body: { ...jsonBody(contactBodySchema), required: false } },
  responses: { 200: jsonContent(publicContactSchema, 'The contact'), ...contactErrorResponses },
});

export function registerPublicContactCreate(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { inbox_identifier } = c.req.valid('param');
    const body = c.req.valid('json');
    const contact = await createPublicContact(c.var.deps, {
      inboxIdentifier: inbox_identifier,
      identity: { identifier: body.identifier, identifierHash: body.identifier_hash },
      fields: { name: body.name, email: body.email, phoneNumber: normalizePhone(body.phone_number), customAttributes: body.custom_attributes },
      facts: visitorFacts(c),
    });
    return c.json(contact, 200);
  });
}
