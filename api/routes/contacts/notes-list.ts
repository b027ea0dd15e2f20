import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { contactNoteSchema } from '../../../core/serializers/contact-note.js';
import { listNotesOfContact } from '../../../core/services/contacts/notes.js';
import { contactParams } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/contacts/{id}/notes',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: "The contact's notes, oldest first",
  security: securityUserToken,
  request: { params: contactParams },
  responses: { 200: jsonContent(z.array(contactNoteSchema), 'The notes'), ...standardErrorResponses },
});

export function registerListContactNotes(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await listNotesOfContact({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id), 200));
}
