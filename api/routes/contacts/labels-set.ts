import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { setContactLabels } from '../../../core/services/contacts/labels.js';
import { contactLabelsSchema, contactParams, setContactLabelsRequestSchema } from './schemas.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/contacts/{id}/labels',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: "Replace the contact's labels; a title that is not yet an account label is created for administrators and refused (403, field labels) for agents",
  security: securityUserToken,
  request: { params: contactParams, body: jsonBody(setContactLabelsRequestSchema) },
  responses: { 200: jsonContent(contactLabelsSchema, "The contact's labels"), ...standardErrorResponses },
});

export function registerSetContactLabels(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const payload = await setContactLabels({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id, c.req.valid('json').labels);
    return c.json({ payload }, 200);
  });
}
