import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from '../../env.js';
import { clientAddress } from '../../auth/client-address.js';
import { csrfHeaderName, sessionCookieName } from '../../auth/middleware.js';
import { jsonBody, jsonContent, standardErrorResponses, emailAddress } from '../../openapi-schemas.js';
import { signIn } from '../../../core/services/auth/sessions.js';
import { loadProfile } from '../../../core/services/profile/load.js';
import { profileSchema } from '../profile/show.js';

export const signInRequestSchema = z
  .object({
    email: emailAddress,
    password: z.string().min(1).max(200),
  })
  .openapi('SignInRequest');

const signedInSchema = z
  .object({
    data: profileSchema.extend({
      provider: z.literal('email'),
      uid: z.string().openapi({ description: 'The e-mail, as devise_token_auth names it' }),
      access_token: z.string().optional().openapi({
        description: 'API clients only (no X-Requested-With header): the session token, to send as `api_access_token`. Ends with DELETE /auth/sign_out, the session lifetime or SESSION_IDLE_TIMEOUT.',
      }),
    }),
  })
  .openapi('SignedIn');

const tokenHeaders = {
  'access-token': { schema: { type: 'string' as const }, description: 'API clients only: the same token as `data.access_token`' },
  'token-type': { schema: { type: 'string' as const }, description: 'API clients only: `Bearer`' },
  client: { schema: { type: 'string' as const }, description: 'API clients only: the session’s id' },
  uid: { schema: { type: 'string' as const }, description: 'API clients only: the e-mail' },
  expiry: { schema: { type: 'string' as const }, description: 'API clients only: when the session ends at the latest, Unix seconds' },
};

const route = createRoute({
  method: 'post',
  path: '/auth/sign_in',
  ...requires('public'),
  tags: ['Auth'],
  summary: 'Sign in with e-mail and password: an httpOnly session cookie, and for API clients the session token (Chatwoot / devise_token_auth shape)',
  description:
    'The console sends `X-Requested-With` and gets only the httpOnly cookie: its token never reaches page scripts. A request without that header is an API client: it also gets the session token as `data.access_token` and in devise_token_auth headers, to send as `api_access_token`.',
  request: { body: jsonBody(signInRequestSchema) },
  responses: {
    200: { ...jsonContent(signedInSchema, 'Signed in: the user and their accounts'), headers: tokenHeaders },
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
    const profile = await loadProfile(db, session.userId);
    const isConsole = c.req.header(csrfHeaderName) !== undefined;
    if (isConsole) return c.json({ data: { ...profile, provider: 'email' as const, uid: profile.email } }, 200);
    c.header('access-token', session.sessionToken);
    c.header('token-type', 'Bearer');
    c.header('client', String(session.sessionId));
    c.header('uid', profile.email);
    c.header('expiry', String(Math.floor(session.expiresAt.getTime() / 1000)));
    c.header('cache-control', 'no-store');
    return c.json({ data: { ...profile, provider: 'email' as const, uid: profile.email, access_token: session.sessionToken } }, 200);
  });
}
