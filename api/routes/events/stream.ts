import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { LiveEvent } from '../../../db/queries/events.js';
import type { AppEnv } from '../../env.js';
import { canSeeConversation, type Viewer } from '../../../core/domain/permissions.js';
import { createLivePayloadLoader } from '../../../core/events/payloads.js';
import { accountParams, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { loadViewer } from '../../../core/services/viewer.js';

const heartbeatMs = 25_000;
// Inbox memberships change rarely; re-reading them this often keeps a removed agent's stream honest.
const viewerRefreshMs = 15_000;

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/events',
  tags: ['Live updates'],
  summary: 'Server-Sent Events: conversation.created/updated/status_changed and message.created/updated the user may see',
  security: securityUserToken,
  request: { params: accountParams },
  responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } }, ...standardErrorResponses },
});

const loaders = new WeakMap<object, ReturnType<typeof createLivePayloadLoader>>();

export function registerEventStream(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { deps, actor } = c.var;
    let loader = loaders.get(deps);
    if (!loader) loaders.set(deps, (loader = createLivePayloadLoader(deps.db)));
    const loadPayload = loader;
    let viewer: Viewer = await loadViewer(deps.db, actor);
    let viewerLoadedAt = Date.now();

    return streamSSE(c, async (stream) => {
      const queue: LiveEvent[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = deps.events.subscribe((event) => {
        if (event.accountId !== actor.accountId) return;
        queue.push(event);
        wake?.();
      });
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ account_id: actor.accountId }) });
      while (!stream.aborted) {
        const event = queue.shift();
        if (!event) {
          const timedOut = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(true), heartbeatMs);
            wake = () => (clearTimeout(timer), resolve(false));
          });
          wake = undefined;
          if (timedOut && !stream.aborted) await stream.write(': heartbeat\n\n');
          continue;
        }
        if (Date.now() - viewerLoadedAt > viewerRefreshMs) {
          viewer = await loadViewer(deps.db, actor);
          viewerLoadedAt = Date.now();
        }
        if (!canSeeConversation(viewer, { inboxId: event.inboxId })) continue;
        const payload = await loadPayload(event);
        if (!payload) continue;
        await stream.writeSSE({ event: event.type, data: JSON.stringify(event.messageId ? payload : payload.conversation) });
      }
      unsubscribe();
    });
  });
}
