import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from '../../env.js';
import { clientAddress } from '../../auth/client-address.js';
import { sessionCookieName } from '../../auth/middleware.js';
import { jsonBody, jsonContent, standardErrorResponses } from '../../openapi-schemas.js';
import { signIn } from '../../../core/services/auth/sessions.js';

export const signInRequestSchema = z
  .object({
    email: z.string().trim().email().max(320),
    password: z.string().min(1).max(200),
  })
  .openapi('SignInRequest');

const route = createRoute({
  method: 'post',
  path: '/auth/sign_in',
  tags: ['Auth'],
  summary: 'Sign in to the console with e-mail and password; sets an httpOnly session cookie',
  request: { body: jsonBody(signInRequestSchema) },
  responses: {
    200: jsonContent(z.object({ data: z.object({ id: z.number().int() }) }), 'Signed in'),
    ...standardErrorResponses,
  },
});

export function registerSignIn(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { email, password } = c.req.valid('json');
    const { config, db } = c.var.deps;
    const session = await signIn(db, { email, password, clientKey: clientAddress(c), userAgent: c.req.header('user-agent'), rateLimits: config.rateLimits });
    setCookie(c, sessionCookieName, session.sessionToken, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: config.secureCookies,
      path: '/',
      expires: session.expiresAt,
    });
    return c.json({ data: { id: session.userId } }, 200);
  });
}
