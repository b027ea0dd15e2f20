import type { OpenAPIHono } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { RateLimiter } from '../../auth/rate-limit.js';
import type { AppEnv } from '../../context.js';
import { ApiError } from '../../errors.js';
import { registerPublicContactCreate } from './contact-create.js';
import { registerPublicContactShow } from './contact-show.js';
import { registerPublicContactUpdate } from './contact-update.js';
import { registerPublicConversationCreate } from './conversation-create.js';
import { registerPublicConversationList } from './conversation-list.js';
import { registerPublicConversationToggleTyping } from './conversation-toggle-typing.js';
import { registerPublicConversationUpdateLastSeen } from './conversation-update-last-seen.js';
import { registerPublicEvents } from './events.js';
import { registerPublicInboxShow } from './inbox-show.js';
import { registerPublicMessageCreate } from './message-create.js';
import { registerPublicMessageList } from './message-list.js';

export const publicRequestsPerMinute = 120;

/** Loopback and private-network peers: where the console's web server (or another reverse proxy) connects from. */
export function isProxyAddress(address: string): boolean {
  const ip = address.toLowerCase().replace(/^::ffff:/, '');
  if (ip === '::1') return true;
  if (/^f[cd][0-9a-f]{2}:/.test(ip) || ip.startsWith('fe80:')) return true;
  const octets = ip.split('.').map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o))) return false;
  const [a, b] = octets;
  return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/**
 * The visitor's address. The console's web server forwards /public/* and replaces X-Forwarded-For
 * with the browser's address; it connects from loopback (one host) or a private network (compose,
 * Kubernetes), so the header is believed only from such peers, or for in-process requests, which
 * have no socket. A public peer's header is ignored: it could forge one to dodge the limit.
 */
export function visitorAddress(c: Context): string {
  let remote: string | undefined;
  try {
    remote = getConnInfo(c).remote.address;
  } catch {
    remote = undefined;
  }
  if (!remote || isProxyAddress(remote)) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return remote ?? 'unknown';
}

function rateLimitPerAddress(limiter: RateLimiter): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const retryAfterSeconds = limiter.hit(visitorAddress(c));
    if (retryAfterSeconds > 0) {
      throw new ApiError('RATE_LIMITED', `Too many requests; try again in ${retryAfterSeconds} s`, undefined, { retryAfterSeconds });
    }
    return next();
  };
}

/**
 * Chatwoot's public client API: no sign-in, the caller is identified by the inbox identifier and the
 * contact identifier in the path. Open to any origin (headless SDKs hold no cookies); limited per address.
 */
export function registerPublicApi(app: OpenAPIHono<AppEnv>) {
  app.use('/public/*', cors({ origin: '*', allowMethods: ['GET', 'POST', 'PATCH', 'OPTIONS'], allowHeaders: ['Content-Type'], maxAge: 600 }));
  app.use('/public/*', rateLimitPerAddress(new RateLimiter(publicRequestsPerMinute, 60_000)));

  registerPublicInboxShow(app);
  registerPublicContactCreate(app);
  registerPublicContactShow(app);
  registerPublicContactUpdate(app);
  registerPublicConversationList(app);
  registerPublicConversationCreate(app);
  registerPublicConversationUpdateLastSeen(app);
  registerPublicConversationToggleTyping(app);
  registerPublicMessageList(app);
  registerPublicMessageCreate(app);
  registerPublicEvents(app);
}
