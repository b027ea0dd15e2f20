import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses, idParam } from '../../openapi-schemas.js';
import { listNotifications, readAllNotifications, readNotification, unreadNotificationCount } from '../../../core/services/notifications/list.js';

const base = '/api/v1/accounts/{account_id}/notifications';

export const notificationSchema = z
  .object({
    id: z.number().int(),
    notification_type: z.string().openapi({ description: 'Chatwoot’s names: `conversation_assignment`, `conversation_mention`, `assigned_conversation_new_message`, `direct_message`, and Parley’s `participating_conversation_reopened`' }),
    push_message_title: z.string(),
    primary_actor_type: z.enum(['DirectConversation', 'Conversation']),
    primary_actor_id: z.number().int().openapi({ description: "What a click opens: the direct conversation's id or the conversation's display id" }),
    primary_actor: z.object({ id: z.number().int() }),
    secondary_actor: z.object({ id: z.number().int(), name: z.string(), type: z.string() }).nullable(),
    read_at: z.number().int().nullable(),
    created_at: z.number().int(),
    last_activity_at: z.number().int(),
    snoozed_until: z.number().int().nullable(),
    account_id: z.number().int(),
    user_id: z.number().int(),
    meta: z.record(z.string(), z.unknown()),
  })
  .openapi('Notification');

const listRoute = createRoute({
  method: 'get',
  path: base,
  ...requires('account_member'),
  tags: ['Notifications'],
  summary: "The caller's notifications, newest first, with the unread count (Chatwoot's shape)",
  security: securityUserToken,
  request: { params: accountParams, query: z.object({ page: z.coerce.number().int().positive().max(1000).default(1) }) },
  responses: {
    200: jsonContent(
      z.object({ data: z.object({ meta: z.object({ unread_count: z.number().int(), count: z.number().int(), current_page: z.number().int() }), payload: z.array(notificationSchema) }) }),
      'A page of notifications',
    ),
    ...standardErrorResponses,
  },
});

const unreadRoute = createRoute({
  method: 'get',
  path: `${base}/unread_count`,
  ...requires('account_member'),
  tags: ['Notifications'],
  summary: 'How many notifications are unread',
  security: securityUserToken,
  request: { params: accountParams },
  responses: { 200: jsonContent(z.number().int(), 'The count'), ...standardErrorResponses },
});

const readAllRoute = createRoute({
  method: 'post',
  path: `${base}/read_all`,
  ...requires('account_member'),
  tags: ['Notifications'],
  summary: 'Mark every notification read',
  security: securityUserToken,
  request: { params: accountParams },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Done'), ...standardErrorResponses },
});

const readRoute = createRoute({
  method: 'patch',
  path: `${base}/{notification_id}`,
  ...requires('account_member'),
  tags: ['Notifications'],
  summary: 'Mark one notification read',
  security: securityUserToken,
  request: { params: accountParams.extend({ notification_id: idParam.openapi({ param: { name: 'notification_id', in: 'path' } }) }) },
  responses: { 200: jsonContent(notificationSchema, 'The notification'), ...standardErrorResponses },
});

export function registerNotifications(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => c.json(await listNotifications({ ...c.var.deps, actor: c.var.actor }, c.req.valid('query').page), 200));
  app.openapi(unreadRoute, async (c) => c.json(await unreadNotificationCount({ ...c.var.deps, actor: c.var.actor }), 200));
  app.openapi(readAllRoute, async (c) => {
    await readAllNotifications({ ...c.var.deps, actor: c.var.actor });
    return c.json({ success: true }, 200);
  });
  app.openapi(readRoute, async (c) => c.json(await readNotification({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').notification_id), 200));
}
