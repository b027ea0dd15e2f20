import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { listContactLabelTitles } from '../../../core/services/contacts/labels.js';
import { contactLabelsSchema, contactParams } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/contacts/{id}/labels',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: "The contact's labels",
  security: securityUserToken,
  request: { params: contactParams },
  responses: { 200: jsonContent(contactLabelsSchema, "The contact's labels"), ...standardErrorResponses },
});

export function registerListContactLabels(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const payload = await listContactLabelTitles({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id);
    return c.json({ payload }, 200);
  });
}
