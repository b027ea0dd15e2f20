import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { contactNoteSchema } from '../../../core/serializers/contact-note.js';
import { showContactNote } from '../../../core/services/contacts/notes.js';
import { contactNoteParams } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/contacts/{id}/notes/{note_id}',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'Show a note',
  security: securityUserToken,
  request: { params: contactNoteParams },
  responses: { 200: jsonContent(contactNoteSchema, 'The note'), ...standardErrorResponses },
});

export function registerShowContactNote(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { id, note_id } = c.req.valid('param');
    return c.json(await showContactNote({ ...c.var.deps, actor: c.var.actor }, id, note_id), 200);
  });
}
