import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { conversationStatuses } from '../../../db/schema/index.js';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { toggleConversationStatus } from '../../../core/services/conversations/toggle-status.js';
import { conversationParams } from './params.js';

export const toggleStatusRequestSchema = z
  .object({
    status: z.enum(conversationStatuses).optional().openapi({ description: 'Omit to toggle open ⇄ resolved' }),
    snoozed_until: z.number().int().positive().optional().openapi({ description: 'Unix seconds; with status snoozed. Omit to snooze until the next reply' }),
  })
  .openapi('ToggleStatusRequest');

export const toggleStatusResponseSchema = z
  .object({
    meta: z.object({}),
    payload: z.object({
      success: z.boolean(),
      current_status: z.enum(conversationStatuses),
      conversation_id: z.number().int(),
      snoozed_until: z.number().int().nullable(),
      changed: z.boolean(),
    }),
  })
  .openapi('ToggleStatusResponse');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_status',
  ...requires('conversations'),
  tags: ['Conversations'],
  summary: 'Resolve, reopen, mark pending or snooze (until a time, or the next reply)',
  security: securityUserToken,
  request: { params: conversationParams, body: { ...jsonBody(toggleStatusRequestSchema), required: false } },
  responses: {
    200: jsonContent(toggleStatusResponseSchema, 'The status after the change'),
    ...standardErrorResponses,
  },
});

export function registerToggleStatus(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json') ?? {};
    const payload = await toggleConversationStatus(
      { ...c.var.deps, actor: c.var.actor },
      {
        displayId: c.req.valid('param').conversation_id,
        status: body.status,
        snoozedUntil: body.snoozed_until ? new Date(body.snoozed_until * 1000) : undefined,
      },
    );
    return c.json({ meta: {}, payload }, 200);
  });
}
