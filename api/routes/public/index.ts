import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { clientAddress } from '../../auth/client-address.js';
import { defaultRateLimits, enforceRateLimit } from '../../../core/auth/rate-limit.js';
import type { AppEnv } from '../../env.js';
import { registerPublicContactCreate } from './contact-create.js';
import { registerPublicContactShow } from './contact-show.js';
import { registerPublicContactUpdate } from './contact-update.js';
import { registerPublicConversationCreate } from './conversation-create.js';
import { registerPublicConversationList } from './conversation-list.js';
import { registerPublicConversationShow } from './conversation-show.js';
import { registerPublicConversationToggleStatus } from './conversation-toggle-status.js';
import { registerPublicMessageUpdate } from './message-update.js';
import { registerPublicWidgetEvents } from './widget-events.js';
import { registerPublicConversationToggleTyping } from './conversation-toggle-typing.js';
import { registerPublicConversationUpdateLastSeen } from './conversation-update-last-seen.js';
import { registerPublicEvents } from './events.js';
import { registerPublicInboxShow } from './inbox-show.js';
import { registerPublicCsatSurvey } from './csat-survey.js';
import { registerPublicMessageCreate } from './message-create.js';
import { registerPublicMessageList } from './message-list.js';

export const publicRequestsPerMinute = defaultRateLimits.publicPerAddress.limit;

const rateLimitPerAddress: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === 'OPTIONS') return next();
  const { db, config } = c.var.deps;
  await enforceRateLimit(db, (config.rateLimits ?? defaultRateLimits).publicPerAddress, `public:address:${clientAddress(c)}`);
  return next();
};

/**
 * Chatwoot's public client API: no sign-in, the caller is identified by the inbox identifier and the
 * contact identifier in the path. Open to any origin (headless SDKs hold no cookies); limited per address.
 */
export function registerPublicApi(app: OpenAPIHono<AppEnv>) {
  app.use('/public/*', cors({ origin: '*', allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'OPTIONS'], allowHeaders: ['Content-Type'], maxAge: 600 }));
  app.use('/public/*', rateLimitPerAddress);

  registerPublicInboxShow(app);
  registerPublicContactCreate(app);
  registerPublicContactShow(app);
  registerPublicContactUpdate(app);
  registerPublicConversationList(app);
  registerPublicConversationCreate(app);
  registerPublicConversationShow(app);
  registerPublicConversationToggleStatus(app);
  registerPublicConversationUpdateLastSeen(app);
  registerPublicConversationToggleTyping(app);
  registerPublicMessageList(app);
  registerPublicMessageCreate(app);
  registerPublicMessageUpdate(app);
  registerPublicEvents(app);
  registerPublicWidgetEvents(app);
  registerPublicCsatSurvey(app);
}
