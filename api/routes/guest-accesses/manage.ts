import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { listGuestAccesses, resendGuestAccessMail, resetGuestPassword, revokeGuestAccessOfConversation } from '../../../core/services/guests/accesses.js';
import { conversationParams } from '../conversations/params.js';
import { guestAccessMailedSchema, guestAccessParams, guestAccessSchema } from './schemas.js';

const base = '/api/v1/accounts/{account_id}/conversations/{conversation_id}/guest_accesses';

const listRoute = createRoute({
  method: 'get',
  path: base,
  ...requires('conversations'),
  tags: ['External access'],
  summary: "Manage external access: every access given to this conversation, who gave it, when, and the guest's last sign-in",
  security: securityUserToken,
  request: { params: conversationParams },
  responses: { 200: jsonContent(z.object({ payload: z.array(guestAccessSchema) }), 'The accesses, newest first'), ...standardErrorResponses },
});

const revokeRoute = createRoute({
  method: 'delete',
  path: `${base}/{access_id}`,
  ...requires('conversations'),
  tags: ['External access'],
  summary: "Revoke an access: the guest's sessions end at once (their open portal closes)",
  security: securityUserToken,
  request: { params: guestAccessParams },
  responses: { 200: jsonContent(guestAccessSchema, 'The revoked access'), ...standardErrorResponses },
});

const resetRoute = createRoute({
  method: 'post',
  path: `${base}/{access_id}/reset_password`,
  ...requires('conversations'),
  tags: ['External access'],
  summary: "Reset the guest's password: the old one stops working, their sessions end, and they are mailed a link to choose a new one",
  security: securityUserToken,
  request: { params: guestAccessParams },
  responses: { 200: jsonContent(guestAccessMailedSchema, 'The access'), ...standardErrorResponses },
});

const resendRoute = createRoute({
  method: 'post',
  path: `${base}/{access_id}/resend`,
  ...requires('conversations'),
  tags: ['External access'],
  summary: 'Mail the access details again, with a fresh set-password link (the password is unchanged)',
  security: securityUserToken,
  request: { params: guestAccessParams },
  responses: { 200: jsonContent(guestAccessMailedSchema, 'The access'), ...standardErrorResponses },
});

export function registerManageGuestAccesses(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const payload = await listGuestAccesses({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').conversation_id);
    return c.json({ payload }, 200);
  });
  app.openapi(revokeRoute, async (c) => {
    const { conversation_id, access_id } = c.req.valid('param');
    return c.json(await revokeGuestAccessOfConversation({ ...c.var.deps, actor: c.var.actor }, { displayId: conversation_id, accessId: access_id }), 200);
  });
  app.openapi(resetRoute, async (c) => {
    const { conversation_id, access_id } = c.req.valid('param');
    return c.json(await resetGuestPassword({ ...c.var.deps, actor: c.var.actor }, { displayId: conversation_id, accessId: access_id }), 200);
  });
  app.openapi(resendRoute, async (c) => {
    const { conversation_id, access_id } = c.req.valid('param');
    return c.json(await resendGuestAccessMail({ ...c.var.deps, actor: c.var.actor }, { displayId: conversation_id, accessId: access_id }), 200);
  });
}
