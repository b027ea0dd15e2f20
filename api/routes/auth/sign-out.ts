import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie } from 'hono/cookie';
import type { AppEnv } from '../../env.js';
import { requireUser, sessionCookieName } from '../../auth/middleware.js';
import { jsonContent, standardErrorResponses } from '../../openapi-schemas.js';
import { signOut } from '../../../core/services/auth/sessions.js';

const route = createRoute({
  method: 'delete',
  path: '/auth/sign_out',
  ...requires('public'),
  tags: ['Auth'],
  summary: 'End the current console session',
  middleware: [requireUser] as const,
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Signed out'), ...standardErrorResponses },
});

export function registerSignOut(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { auth, deps } = c.var;
    if (auth.sessionId) await signOut(deps.db, auth.sessionId);
    deleteCookie(c, sessionCookieName, { path: '/' });
    return c.json({ success: true }, 200);
  });
}
