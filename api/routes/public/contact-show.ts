import { createRoute } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent } from '../../openapi-schemas.js';
import { publicContactSchema } from '../../../core/serializers/public.js';
import { showPublicContact } from '../../../core/services/public/contacts.js';
import { contactParams, publicErrorResponses } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}',
  ...requires('public'),
  tags: ['Public'],
  summary: 'The visitor',
  request: { params: contactParams },
  responses: { 200: jsonContent(publicContactSchema, 'The contact'), ...publicErrorResponses },
});

export function registerPublicContactShow(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { inbox_identifier, contact_identifier } = c.req.valid('param');
    return c.json(await showPublicContact(c.var.deps, { inboxIdentifier: inbox_identifier, contactIdentifier: contact_identifier }), 200);
  });
}
