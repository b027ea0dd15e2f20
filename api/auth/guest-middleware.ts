import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { authenticateGuest } from '../../core/services/guests/portal.js';
import { ApiError, unauthenticated } from '../../core/errors.js';
import type { AppEnv } from '../env.js';
import { csrfHeaderName } from './middleware.js';

/** Guests' own cookie: the console's session cookie means nothing here, and this one nothing on /api/v1. */
export const guestSessionCookieName = 'parley_guest_session';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * For `/public/api/v1/portal/{account_id}/…` behind sign-in: a live guest session of that account's
 * portal (revoked, expired, idle or another account's: 401). Writes must carry the CSRF header.
 */
export const requireGuest: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, guestSessionCookieName);
  const signedIn = token ? await authenticateGuest(c.var.deps, token) : undefined;
  if (!signedIn || signedIn.guest.accountId !== Number(c.req.param('account_id'))) throw unauthenticated('Sign in to the portal again');
  if (!safeMethods.has(c.req.method) && !c.req.header(csrfHeaderName)) throw new ApiError('FORBIDDEN', `Portal writes must send the ${csrfHeaderName} header`);
  c.set('guest', signedIn);
  return next();
};
