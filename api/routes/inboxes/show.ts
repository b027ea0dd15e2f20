import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { inboxSchema, serializeInbox } from '../../../core/serializers/inbox.js';
import { findVisibleInbox } from '../../../core/services/inboxes/access.js';
import { isAdministrator } from '../../../core/domain/permissions.js';
import { inboxParams } from './schemas.js';
import { loadMailboxState } from '../../../core/services/inboxes/mail-connection.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/inboxes/{id}',
  tags: ['Inboxes'],
  summary: 'Show an inbox (404 for an agent who is not a member)',
  security: securityUserToken,
  request: { params: inboxParams },
  responses: { 200: jsonContent(inboxSchema, 'The inbox'), ...standardErrorResponses },
});

export function registerShowInbox(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const inbox = await findVisibleInbox({ ...c.var.deps, actor: c.var.actor }, id);
    const mailbox = await loadMailboxState(c.var.deps, inbox.id);
    return c.json(serializeInbox(inbox, c.var.deps.config.publicUrl, { showSecret: isAdministrator(c.var.actor), mailbox }), 200);
  });
}
