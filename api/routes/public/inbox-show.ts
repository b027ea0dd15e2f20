import { createRoute } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent } from '../../openapi-schemas.js';
import { publicInboxSchema } from '../../../core/serializers/public.js';
import { showPublicInbox } from '../../../core/services/public/inbox.js';
import { inboxParams, publicErrorResponses } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: '/public/api/v1/inboxes/{inbox_identifier}',
  ...requires('public'),
  tags: ['Public'],
  summary: "The inbox's widget settings: name, welcome title and tagline, colour",
  request: { params: inboxParams },
  responses: { 200: jsonContent(publicInboxSchema, 'The inbox'), ...publicErrorResponses },
});

export function registerPublicInboxShow(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { inbox_identifier } = c.req.valid('param');
    return c.json(await showPublicInbox(c.var.deps, { inboxIdentifier: inbox_identifier }), 200);
  });
}
