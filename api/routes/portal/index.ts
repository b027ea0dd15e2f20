import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { registerPortalConversations } from './conversations.js';
import { registerPortalEvents } from './events.js';
import { registerPortalPasswords } from './passwords.js';
import { registerPortalSession } from './session.js';

/**
 * The guest portal's API, under /public (the per-address limit applies): guests sign in with the
 * e-mail and password of an external access and reach only the conversations they were given.
 */
export function registerPortalApi(app: OpenAPIHono<AppEnv>) {
  registerPortalSession(app);
  registerPortalPasswords(app);
  registerPortalConversations(app);
  registerPortalEvents(app);
}
