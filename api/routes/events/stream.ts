import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { openConsoleStream } from '../../../core/services/events/console-stream.js';
import { accountParams, securityUserToken, serverSentEventSchema, standardErrorResponses } from '../../openapi-schemas.js';
import { liveStreamLimits, serveLiveStream } from '../../streams/serve-live-stream.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/events',
  ...requires('account_member'),
  tags: ['Live updates'],
  summary: 'Server-Sent Events: conversation.created/updated/status_changed and message.created/updated the user may see',
  description:
    '`ready` once subscribed; `resync` when the client should refetch what it shows (it fell behind, or its access changed); `revoked` with `{ reason }` (signed_out, token_revoked, removed_from_account) just before the server closes the stream: do not reconnect, sign in again. A comment line arrives every tick to keep the connection open. A user may hold a limited number of streams open (429 past it).',
  security: securityUserToken,
  request: { params: accountParams },
  responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: serverSentEventSchema } } }, ...standardErrorResponses },
});

export function registerEventStream(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { deps, actor, auth } = c.var;
    const limits = liveStreamLimits(c);
    return serveLiveStream(c, {
      principal: `user:${actor.userId}`,
      maxStreams: limits.maxStreamsPerUser,
      open: (sink) => openConsoleStream(deps, { actor, auth }, sink, limits),
    });
  });
}
