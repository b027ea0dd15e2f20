import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { clientAddress } from '../../auth/client-address.js';
import { jsonBody, jsonContent, emailAddress } from '../../openapi-schemas.js';
import { requestGuestPasswordReset, setGuestPasswordWithToken } from '../../../core/services/guests/portal.js';
import { portalBase, portalErrorResponses, portalParams } from './schemas.js';

const forgotRoute = createRoute({
  method: 'post',
  path: `${portalBase}/password/forgot`,
  ...requires('public'),
  tags: ['Guest portal'],
  summary: 'Forgotten password: mails a set-password link if the e-mail holds an access here (the answer is the same either way)',
  request: { params: portalParams, body: jsonBody(z.object({ email: emailAddress }).openapi('GuestForgotPasswordRequest')) },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Accepted'), ...portalErrorResponses },
});

const setRoute = createRoute({
  method: 'post',
  path: `${portalBase}/password`,
  ...requires('public'),
  tags: ['Guest portal'],
  summary: "Choose a password through a set-password link (works once); the guest's sessions end and they sign in with it",
  request: {
    params: portalParams,
    body: jsonBody(z.object({ token: z.string().min(10).max(200), password: z.string().min(1).max(200) }).openapi('GuestSetPasswordRequest')),
  },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'The password is set'), ...portalErrorResponses },
});

export function registerPortalPasswords(app: OpenAPIHono<AppEnv>) {
  app.openapi(forgotRoute, async (c) => {
    await requestGuestPasswordReset(c.var.deps, { accountId: c.req.valid('param').account_id, email: c.req.valid('json').email, clientKey: clientAddress(c) });
    return c.json({ success: true }, 200);
  });
  app.openapi(setRoute, async (c) => {
    const { token, password } = c.req.valid('json');
    await setGuestPasswordWithToken(c.var.deps, { accountId: c.req.valid('param').account_id, token, password });
    return c.json({ success: true }, 200);
  });
}
