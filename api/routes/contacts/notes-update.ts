import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { contactNoteSchema } from '../../../core/serializers/contact-note.js';
import { editContactNote } from '../../../core/services/contacts/notes.js';
import { contactNoteParams, contactNoteRequestSchema } from './schemas.js';

const route = createRoute({
  method: 'patch',
  path: '/api/v1/accounts/{account_id}/contacts/{id}/notes/{note_id}',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'Edit a note (its author or an administrator)',
  security: securityUserToken,
  request: { params: contactNoteParams, body: jsonBody(contactNoteRequestSchema) },
  responses: { 200: jsonContent(contactNoteSchema, 'The note'), ...standardErrorResponses },
});

export function registerUpdateContactNote(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { id, note_id } = c.req.valid('param');
    return c.json(await editContactNote({ ...c.var.deps, actor: c.var.actor }, id, note_id, c.req.valid('json').content), 200);
  });
}
