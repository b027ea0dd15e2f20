import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonBody, jsonContent, securityUserToken, standardErrorResponses, idField } from '../../openapi-schemas.js';
import { contactSchema } from '../../../core/serializers/contact.js';
import { mergeContacts } from '../../../core/services/contacts/merge.js';
import { requires } from '../../route-access.js';

export const contactMergeRequestSchema = z
  .object({
    base_contact_id: idField.openapi({ description: 'The contact that stays', example: 1 }),
    mergee_contact_id: idField.openapi({ description: 'The contact merged into it and then deleted', example: 2 }),
  })
  .openapi('ContactMergeRequest');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/actions/contact_merge',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'Merge one contact into another: conversations, notes and labels move to the base contact, the mergee is deleted',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(contactMergeRequestSchema) },
  responses: { 200: jsonContent(contactSchema, 'The surviving contact'), ...standardErrorResponses },
});

export function registerContactMerge(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const merged = await mergeContacts({ ...c.var.deps, actor: c.var.actor }, { baseContactId: body.base_contact_id, mergeeContactId: body.mergee_contact_id });
    return c.json(merged, 200);
  });
}
