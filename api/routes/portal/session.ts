import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../env.js';
import { clientAddress } from '../../auth/client-address.js';
import { guestSessionCookieName, requireGuest } from '../../auth/guest-middleware.js';
import { jsonBody, jsonContent, emailAddress } from '../../openapi-schemas.js';
import { showGuestProfile, showPortal, signInGuest, signOutGuest } from '../../../core/services/guests/portal.js';
import { guestProfileSchema, portalBase, portalErrorResponses, portalParams, portalSchema, securityGuestCookie } from './schemas.js';

export const guestSignInRequestSchema = z
  .object({ email: emailAddress, password: z.string().min(1).max(200) })
  .openapi('GuestSignInRequest');

const showRoute = createRoute({
  method: 'get',
  path: portalBase,
  ...requires('public'),
  tags: ['Guest portal'],
  summary: "The portal's look before sign-in: the account's name and language",
  request: { params: portalParams },
  responses: { 200: jsonContent(portalSchema, 'The portal'), ...portalErrorResponses },
});

const signInRoute = createRoute({
  method: 'post',
  path: `${portalBase}/sign_in`,
  ...requires('public'),
  tags: ['Guest portal'],
  summary: "Sign a guest in with the e-mail and password of an external access: sets the guests' own httpOnly cookie (never valid on /api/v1)",
  request: { params: portalParams, body: jsonBody(guestSignInRequestSchema) },
  responses: { 200: jsonContent(guestProfileSchema, 'Signed in'), ...portalErrorResponses },
});

const signOutRoute = createRoute({
  method: 'delete',
  path: `${portalBase}/sign_out`,
  ...requires('public'),
  tags: ['Guest portal'],
  summary: "End the guest's session",
  security: securityGuestCookie,
  middleware: [requireGuest] as const,
  request: { params: portalParams },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Signed out'), ...portalErrorResponses },
});

const profileRoute = createRoute({
  method: 'get',
  path: `${portalBase}/profile`,
  ...requires('public'),
  tags: ['Guest portal'],
  summary: 'The signed-in guest and the conversations they were given',
  security: securityGuestCookie,
  middleware: [requireGuest] as const,
  request: { params: portalParams },
  responses: { 200: jsonContent(guestProfileSchema, 'The guest'), ...portalErrorResponses },
});

export function registerPortalSession(app: OpenAPIHono<AppEnv>) {
  app.openapi(showRoute, async (c) => c.json(await showPortal(c.var.deps, c.req.valid('param').account_id), 200));
  app.openapi(signInRoute, async (c) => {
    const { email, password } = c.req.valid('json');
    const { deps } = c.var;
    const session = await signInGuest(deps, { accountId: c.req.valid('param').account_id, email, password, clientKey: clientAddress(c), rateLimits: deps.config.rateLimits });
    setCookie(c, guestSessionCookieName, session.sessionToken, { httpOnly: true, sameSite: 'Lax', secure: deps.config.secureCookies, path: '/', expires: session.expiresAt });
    c.header('cache-control', 'no-store');
    return c.json(await showGuestProfile(deps, session.signedIn), 200);
  });
  app.openapi(signOutRoute, async (c) => {
    await signOutGuest(c.var.deps, c.var.guest);
    deleteCookie(c, guestSessionCookieName, { path: '/' });
    return c.json({ success: true }, 200);
  });
  app.openapi(profileRoute, async (c) => c.json(await showGuestProfile(c.var.deps, c.var.guest), 200));
}
