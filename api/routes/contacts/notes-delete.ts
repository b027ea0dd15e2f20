import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { requires } from '../../route-access.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { removeContactNote } from '../../../core/services/contacts/notes.js';
import { contactNoteParams } from './schemas.js';

const route = createRoute({
  method: 'delete',
  path: '/api/v1/accounts/{account_id}/contacts/{id}/notes/{note_id}',
  ...requires('contact_manage'),
  tags: ['Contacts'],
  summary: 'Delete a note (its author or an administrator)',
  security: securityUserToken,
  request: { params: contactNoteParams },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Deleted'), ...standardErrorResponses },
});

export function registerDeleteContactNote(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { id, note_id } = c.req.valid('param');
    await removeContactNote({ ...c.var.deps, actor: c.var.actor }, id, note_id);
    return c.json({ success: true }, 200);
  });
}
