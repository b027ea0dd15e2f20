import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { testMailConnection } from '../../../core/services/inboxes/mail-connection.js';
import { inboxParams } from './schemas.js';

const checkSchema = z.object({ ok: z.boolean(), error: z.string().nullable().openapi({ description: 'What the server answered, when it refused' }) }).nullable();

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/inboxes/{id}/test_connection',
  ...requires('administrator'),
  tags: ['Inboxes'],
  summary: 'Log in to an email inbox’s IMAP and SMTP servers with its stored settings and say how each answered (administrators only); a working mailbox is polled at once',
  security: securityUserToken,
  request: { params: inboxParams },
  responses: {
    200: jsonContent(z.object({ imap: checkSchema, smtp: checkSchema }).openapi('MailConnectionTest'), 'Each server’s answer; null where the inbox has no such server'),
    ...standardErrorResponses,
  },
});

export function registerTestInboxConnection(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await testMailConnection({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id), 200));
}
