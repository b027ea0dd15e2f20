import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses, idField } from '../../openapi-schemas.js';
import { inboxSchema } from '../../../core/serializers/inbox.js';
import { createContactInbox, listContactableInboxes } from '../../../core/services/contacts/contact-inboxes.js';
import { contactParams } from './schemas.js';
import { requires } from '../../route-access.js';

export const createContactInboxRequestSchema = z
  .object({
    inbox_id: idField.openapi({ example: 1 }),
    source_id: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .optional()
      .openapi({ description: "The contact's id in the inbox: any id for an API inbox (a UUID when absent), the e-mail address for an e-mail inbox (the contact's when absent)" }),
  })
  .openapi('CreateContactInboxRequest');

const contactInboxSchema = z.object({ id: z.number().int(), source_id: z.string(), inbox: inboxSchema }).openapi('ContactInbox');
const contactableInboxSchema = z.object({ source_id: z.string().nullable(), inbox: inboxSchema }).openapi('ContactableInbox');

const createContactInboxRoute = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/contacts/{id}/contact_inboxes',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'Give the contact an address (source_id) in an API or e-mail inbox, to start conversations there',
  security: securityUserToken,
  request: { params: contactParams, body: jsonBody(createContactInboxRequestSchema) },
  responses: { 200: jsonContent(contactInboxSchema, 'The contact inbox (the existing one when it was already there)'), ...standardErrorResponses },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/contacts/{id}/contactable_inboxes',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'The inboxes you may see where a conversation with the contact can be started, each with the source_id to use',
  security: securityUserToken,
  request: { params: contactParams },
  responses: { 200: jsonContent(z.object({ payload: z.array(contactableInboxSchema) }), 'The inboxes'), ...standardErrorResponses },
});

export function registerContactInboxes(app: OpenAPIHono<AppEnv>) {
  app.openapi(createContactInboxRoute, async (c) => {
    const body = c.req.valid('json');
    const contactInbox = await createContactInbox({ ...c.var.deps, actor: c.var.actor }, { contactId: c.req.valid('param').id, inboxId: body.inbox_id, sourceId: body.source_id });
    return c.json(contactInbox, 200);
  });
  app.openapi(listRoute, async (c) => {
    return c.json({ payload: await listContactableInboxes({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id) }, 200);
  });
}
