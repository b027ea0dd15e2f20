import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { contactNoteSchema } from '../../../core/serializers/contact-note.js';
import { addContactNote } from '../../../core/services/contacts/notes.js';
import { contactNoteRequestSchema, contactParams } from './schemas.js';

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/contacts/{id}/notes',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'Add a note to the contact',
  security: securityUserToken,
  request: { params: contactParams, body: jsonBody(contactNoteRequestSchema) },
  responses: { 200: jsonContent(contactNoteSchema, 'The note'), ...standardErrorResponses },
});

export function registerCreateContactNote(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) =>
    c.json(await addContactNote({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id, c.req.valid('json').content), 200),
  );
}
