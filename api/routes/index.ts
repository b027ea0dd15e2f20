import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { requireAccountMember, requireUser } from '../auth/middleware.js';
import { registerSignIn } from './auth/sign-in.js';
import { registerSignOut } from './auth/sign-out.js';
import { registerShowProfile } from './profile/show.js';

/** Every route of the API, in one readable list. */
export function registerRoutes(app: OpenAPIHono<AppEnv>) {
  app.use('/api/v1/*', requireUser);
  app.use('/api/v1/accounts/:account_id/*', requireAccountMember);

  registerSignIn(app);
  registerSignOut(app);
  registerShowProfile(app);
}
