import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { serverSentEventSchema } from '../../openapi-schemas.js';
import { findPublicContact } from '../../../core/services/public/access.js';
import { openVisitorStream } from '../../../core/services/public/events.js';
import { liveStreamLimits, serveLiveStream } from '../../streams/serve-live-stream.js';
import { contactParams, publicErrorResponses } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/events',
  ...requires('public'),
  tags: ['Public'],
  summary: 'Server-Sent Events for the visitor: message.created/updated, conversation.created/status_changed/typing_on/typing_off',
  description:
    'Each event\'s data is JSON: a PublicMessage for message events, a PublicConversation for conversation.created, `{ id, status }` for status changes, `{ id }` when an agent starts or stops typing. Private notes are never sent. `resync` means refetch the messages (the stream fell behind); `revoked` with `{ reason: "visitor_gone" }` comes just before the server closes the stream because the contact or inbox no longer exists: do not reconnect. A comment line arrives every 15 s to keep the connection open; after a reconnect, refetch the messages. A visitor may hold a limited number of streams open (429 past it).',
  request: { params: contactParams },
  responses: { 200: { content: { 'text/event-stream': { schema: serverSentEventSchema } }, description: 'The event stream' }, ...publicErrorResponses },
});

export function registerPublicEvents(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { inbox_identifier, contact_identifier } = c.req.valid('param');
    const deps = c.var.deps;
    // Checked before the stream opens, so a wrong identifier gets a plain 404 the browser can see.
    const scope = await findPublicContact(deps.db, { inboxIdentifier: inbox_identifier, contactIdentifier: contact_identifier });
    const limits = liveStreamLimits(c);
    return serveLiveStream(c, {
      principal: `visitor:${scope.contactInbox.id}`,
      maxStreams: limits.maxStreamsPerVisitor,
      open: (sink) => openVisitorStream(deps, scope, sink, limits),
    });
  });
}
