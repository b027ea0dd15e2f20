import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { findMembershipWithRole, findUserByAccessTokenHash } from '../../db/queries/auth.js';
import { authenticateSession } from '../../core/services/auth/sessions.js';
import type { AppEnv } from '../env.js';
import { ApiError, notFound, unauthenticated } from '../../core/errors.js';
import { hashToken } from '../../core/auth/secrets.js';
import { defaultRateLimits, enforceRateLimit } from '../../core/auth/rate-limit.js';

export { sessionCookieName } from '../../core/auth/session-cookie.js';
import { sessionCookieName } from '../../core/auth/session-cookie.js';
import { isDatabaseId } from '../../core/domain/ids.js';
/** Cookie-authenticated writes must carry this header: a cross-site form or image cannot set it, so it stops CSRF. */
export const csrfHeaderName = 'x-requested-with';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

const apiLimit = (c: Context<AppEnv>) => (c.var.deps.config.rateLimits ?? defaultRateLimits).apiPerToken;

/**
 * Accepts the `api_access_token` header (an integration's token, or the session token `POST
 * /auth/sign_in` hands API clients; devise_token_auth clients send it as `access-token`) or the
 * console's session cookie.
 */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db, config } = c.var.deps;
  const accessToken = c.req.header('api_access_token') ?? c.req.header('api-access-token') ?? c.req.header('access-token');
  if (accessToken) {
    const found = await findUserByAccessTokenHash(db, hashToken(accessToken));
    if (found) {
      await enforceRateLimit(db, apiLimit(c), `api:token:${found.tokenId}`);
      c.set('auth', { user: found.user, method: 'api_access_token', tokenId: found.tokenId });
      return next();
    }
    // A header cannot be sent by a cross-site form, so a session token there needs no CSRF header.
    const session = await authenticateSession(db, { sessionToken: accessToken, idleTimeoutMs: config.sessionIdleTimeoutMs });
    if (!session) throw unauthenticated('The api_access_token is not valid, has expired or was revoked');
    await enforceRateLimit(db, apiLimit(c), `api:session:${session.sessionId}`);
    c.set('auth', { user: session.user, method: 'session', sessionId: session.sessionId });
    return next();
  }
  const sessionToken = getCookie(c, sessionCookieName);
  if (!sessionToken) throw unauthenticated();
  const found = await authenticateSession(db, { sessionToken, idleTimeoutMs: config.sessionIdleTimeoutMs });
  if (!found) throw unauthenticated('Your session has ended; sign in again');
  if (!safeMethods.has(c.req.method) && !c.req.header(csrfHeaderName)) {
    throw new ApiError('FORBIDDEN', `Requests signed in by cookie must send the ${csrfHeaderName} header`);
  }
  await enforceRateLimit(db, apiLimit(c), `api:session:${found.sessionId}`);
  c.set('auth', { user: found.user, method: 'session', sessionId: found.sessionId });
  return next();
};

/** For `/api/v1/accounts/{account_id}/…`: the user must belong to the account; sets `actor`. */
export const requireAccountMember: MiddlewareHandler<AppEnv> = async (c, next) => {
  const accountId = Number(c.req.param('account_id'));
  if (!isDatabaseId(accountId)) throw notFound('Account');
  const membership = await findMembershipWithRole(c.var.deps.db, { accountId, userId: c.var.auth.user.id });
  // Same answer for "no such account" and "not yours", so account ids cannot be probed.
  if (!membership) throw notFound('Account');
  c.set('actor', { userId: membership.userId, accountId, role: membership.role, customRole: membership.customRole });
  return next();
};
