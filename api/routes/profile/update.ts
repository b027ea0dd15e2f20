import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { supportedLocales } from '../../../db/schema/index.js';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { updateProfile } from '../../../core/services/profile/update.js';
import { agentNameSchema, newPasswordSchema } from '../agents/schemas.js';
import { profileSchema } from './show.js';

const profileFields = z.object({
  name: agentNameSchema.optional(),
  display_name: z.string().trim().max(255).nullable().optional(),
  ui_locale: z.enum(supportedLocales).nullable().optional(),
  password: newPasswordSchema.optional(),
  current_password: z.string().max(200).optional().openapi({ description: 'Required with password' }),
  revoke_access_tokens: z.boolean().optional().openapi({ description: 'With password: also revoke every API access token of yours' }),
});

/** Flat, or wrapped in `profile` as Chatwoot's clients send it; wrapped fields win. */
export const updateProfileRequestSchema = profileFields
  .extend({ profile: profileFields.optional().openapi({ description: 'Chatwoot’s form: the same fields wrapped in `profile`' }) })
  .openapi('UpdateProfileRequest');

const route = createRoute({
  method: 'put',
  path: '/api/v1/profile',
  ...requires('signed_in'),
  tags: ['Profile'],
  summary: 'Update your name, display name, language or password (a new password ends your other sessions, and with revoke_access_tokens your API tokens)',
  security: securityUserToken,
  request: { body: jsonBody(updateProfileRequestSchema) },
  responses: { 200: jsonContent(profileSchema, 'The updated profile'), ...standardErrorResponses },
});

export function registerUpdateProfile(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { profile: wrapped, ...flat } = c.req.valid('json');
    const body = { ...flat, ...wrapped };
    const { auth, deps } = c.var;
    const profile = await updateProfile(
      deps.db,
      { userId: auth.user.id, sessionId: auth.sessionId },
      { name: body.name, displayName: body.display_name === '' ? null : body.display_name, uiLocale: body.ui_locale, password: body.password, currentPassword: body.current_password, revokeAccessTokens: body.revoke_access_tokens },
    );
    return c.json(profile, 200);
  });
}
