import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { serverSentEventSchema } from '../../openapi-schemas.js';
import { requireGuest } from '../../auth/guest-middleware.js';
import { openGuestStream } from '../../../core/services/guests/events.js';
import { liveStreamLimits, serveLiveStream } from '../../streams/serve-live-stream.js';
import { portalBase, portalErrorResponses, portalParams, securityGuestCookie } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: `${portalBase}/events`,
  ...requires('public'),
  tags: ['Guest portal'],
  summary: "Server-Sent Events for the guest: message.created/updated (a PublicMessage) in the conversations they hold",
  description:
    '`resync` means refetch; `revoked` with `{ reason: "access_revoked" }` comes just before the server closes the stream because the session ended or the access was revoked: do not reconnect, sign in again.',
  security: securityGuestCookie,
  middleware: [requireGuest] as const,
  request: { params: portalParams },
  responses: { 200: { content: { 'text/event-stream': { schema: serverSentEventSchema } }, description: 'The event stream' }, ...portalErrorResponses },
});

export function registerPortalEvents(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { deps, guest } = c.var;
    const limits = liveStreamLimits(c);
    return serveLiveStream(c, {
      principal: `guest:${guest.guest.id}`,
      maxStreams: limits.maxStreamsPerVisitor,
      open: (sink) => openGuestStream(deps, guest, sink, limits),
    });
  });
}
