import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { deleteContact } from '../../../core/services/contacts/delete.js';
import { contactParams } from './schemas.js';

const route = createRoute({
  method: 'delete',
  path: '/api/v1/accounts/{account_id}/contacts/{id}',
  ...requires('administrator'),
  tags: ['Contacts'],
  summary: 'Delete a contact and their conversations (administrators only)',
  security: securityUserToken,
  request: { params: contactParams },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Deleted'), ...standardErrorResponses },
});

export function registerDeleteContact(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    await deleteContact({ ...c.var.deps, actor: c.var.actor }, id);
    return c.json({ success: true }, 200);
  });
}
