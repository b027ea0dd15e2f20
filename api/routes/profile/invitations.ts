import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses, idParam } from '../../openapi-schemas.js';
import { receivedInvitationSchema } from '../../../core/serializers/invitation.js';
import { acceptInvitation, declineInvitation, listMyInvitations } from '../../../core/services/profile/invitations.js';
import { profileSchema } from './show.js';

const invitationParams = z.object({ invitation_id: idParam.openapi({ param: { name: 'invitation_id', in: 'path' } }) });

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/profile/invitations',
  ...requires('signed_in'),
  tags: ['Profile'],
  summary: 'Invitations to other accounts addressed to you and not answered yet',
  security: securityUserToken,
  responses: { 200: jsonContent(z.object({ payload: z.array(receivedInvitationSchema) }), 'Your open invitations'), ...standardErrorResponses },
});

const acceptRoute = createRoute({
  method: 'post',
  path: '/api/v1/profile/invitations/{invitation_id}/accept',
  ...requires('signed_in'),
  tags: ['Profile'],
  summary: 'Join the inviting account with the role the invitation names',
  security: securityUserToken,
  request: { params: invitationParams },
  responses: { 200: jsonContent(profileSchema, 'Your profile, now with the account'), ...standardErrorResponses },
});

const declineRoute = createRoute({
  method: 'post',
  path: '/api/v1/profile/invitations/{invitation_id}/decline',
  ...requires('signed_in'),
  tags: ['Profile'],
  summary: 'Turn an invitation down; the account learns nothing else about you',
  security: securityUserToken,
  request: { params: invitationParams },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Declined'), ...standardErrorResponses },
});

export function registerProfileInvitations(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => c.json({ payload: await listMyInvitations(c.var.deps.db, c.var.auth.user.id) }, 200));
  app.openapi(acceptRoute, async (c) => c.json(await acceptInvitation(c.var.deps.db, c.var.auth.user.id, c.req.valid('param').invitation_id), 200));
  app.openapi(declineRoute, async (c) => {
    await declineInvitation(c.var.deps.db, c.var.auth.user.id, c.req.valid('param').invitation_id);
    return c.json({ success: true }, 200);
  });
}
