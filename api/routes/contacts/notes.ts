import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses, idParam } from '../../openapi-schemas.js';
import { contactNoteSchema } from '../../../core/serializers/contact-note.js';
import { addContactNote, editContactNote, listNotesOfContact, removeContactNote, showContactNote } from '../../../core/services/contacts/notes.js';
import { contactParams } from './schemas.js';
import { requires } from '../../route-access.js';

const noteParams = contactParams.extend({
  note_id: idParam.openapi({ param: { name: 'note_id', in: 'path' }, example: 1 }),
});

export const contactNoteRequestSchema = z
  .object({ content: z.string().trim().min(1, 'Write something').max(20_000).openapi({ description: 'Markdown', example: 'Prefers **phone** calls' }) })
  .openapi('ContactNoteRequest');

const collection = '/api/v1/accounts/{account_id}/contacts/{id}/notes';
const single = `${collection}/{note_id}`;

const listRoute = createRoute({
  method: 'get',
  path: collection,
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: "The contact's notes, oldest first",
  security: securityUserToken,
  request: { params: contactParams },
  responses: { 200: jsonContent(z.array(contactNoteSchema), 'The notes'), ...standardErrorResponses },
});

const createNoteRoute = createRoute({
  method: 'post',
  path: collection,
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'Add a note to the contact',
  security: securityUserToken,
  request: { params: contactParams, body: jsonBody(contactNoteRequestSchema) },
  responses: { 200: jsonContent(contactNoteSchema, 'The note'), ...standardErrorResponses },
});

const showRoute = createRoute({
  method: 'get',
  path: single,
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'Show a note',
  security: securityUserToken,
  request: { params: noteParams },
  responses: { 200: jsonContent(contactNoteSchema, 'The note'), ...standardErrorResponses },
});

const updateRoute = createRoute({
  method: 'patch',
  path: single,
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'Edit a note (its author or an administrator)',
  security: securityUserToken,
  request: { params: noteParams, body: jsonBody(contactNoteRequestSchema) },
  responses: { 200: jsonContent(contactNoteSchema, 'The note'), ...standardErrorResponses },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: single,
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'Delete a note (its author or an administrator)',
  security: securityUserToken,
  request: { params: noteParams },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Deleted'), ...standardErrorResponses },
});

export function registerContactNotes(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => c.json(await listNotesOfContact({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id), 200));
  app.openapi(createNoteRoute, async (c) =>
    c.json(await addContactNote({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id, c.req.valid('json').content), 200),
  );
  app.openapi(showRoute, async (c) => {
    const { id, note_id } = c.req.valid('param');
    return c.json(await showContactNote({ ...c.var.deps, actor: c.var.actor }, id, note_id), 200);
  });
  app.openapi(updateRoute, async (c) => {
    const { id, note_id } = c.req.valid('param');
    return c.json(await editContactNote({ ...c.var.deps, actor: c.var.actor }, id, note_id, c.req.valid('json').content), 200);
  });
  app.openapi(deleteRoute, async (c) => {
    const { id, note_id } = c.req.valid('param');
    await removeContactNote({ ...c.var.deps, actor: c.var.actor }, id, note_id);
    return c.json({ success: true }, 200);
  });
}
