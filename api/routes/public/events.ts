import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../../env.js';
import { findPublicContact } from '../../../core/services/public/access.js';
import { subscribeVisitorEvents } from '../../../core/services/public/events.js';
import { contactParams, publicErrorResponses } from './schemas.js';

/** Under the usual 30–60 s idle timeouts of proxies and load balancers. */
export const heartbeatIntervalMs = 25_000;

const route = createRoute({
  method: 'get',
  path: '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/events',
  tags: ['Public'],
  summary: 'Server-Sent Events for the visitor: message.created/updated, conversation.created/status_changed/typing_on/typing_off',
  description:
    'Each event\'s data is JSON: a PublicMessage for message events, a PublicConversation for conversation.created, `{ id, status }` for status changes, `{ id }` when an agent starts or stops typing. Private notes are never sent. A comment line arrives every 25 s to keep the connection open; after a reconnect, refetch the messages.',
  request: { params: contactParams },
  responses: { 200: { content: { 'text/event-stream': { schema: z.string() } }, description: 'The event stream' }, ...publicErrorResponses },
});

export function registerPublicEvents(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { inbox_identifier, contact_identifier } = c.req.valid('param');
    const deps = c.var.deps;
    // Checked before the stream opens, so a wrong identifier gets a plain 404 the browser can see.
    const scope = await findPublicContact(deps.db, { inboxIdentifier: inbox_identifier, contactIdentifier: contact_identifier });
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      const closed = new Promise<void>((resolve) => {
        stream.onAbort(resolve);
        c.req.raw.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      const unsubscribe = subscribeVisitorEvents(deps, scope, async (event) => {
        if (!stream.aborted && !stream.closed) await stream.writeSSE({ event: event.event, data: JSON.stringify(event.data) });
      });
      const heartbeat = setInterval(() => {
        if (!stream.aborted && !stream.closed) void stream.write(': heartbeat\n\n').catch(() => {});
      }, heartbeatIntervalMs);
      try {
        // Tells EventSource how soon to reconnect, and gives proxies a first byte to pass on.
        await stream.writeSSE({ event: 'ready', data: '{}', retry: 3000 });
        await closed;
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
      }
    }) as never;
  });
}
