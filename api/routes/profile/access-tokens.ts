import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses, idParam } from '../../openapi-schemas.js';
import { createAccessToken, listAccessTokens, revokeOwnAccessToken } from '../../../core/services/profile/access-tokens.js';

const accessTokenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    token_prefix: z.string().openapi({ description: 'The first characters, to tell tokens apart' }),
    created_at: z.number().int(),
    expires_at: z.number().int().nullable().openapi({ description: 'Unix seconds after which the token answers 401; null: never expires' }),
    expired: z.boolean(),
  })
  .openapi('AccessToken');

export const createAccessTokenRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    expires_at: z
      .number()
      .int()
      .positive()
      .nullable()
      .optional()
      .openapi({ description: 'Unix seconds; leave out or null for a token that never expires', example: 1798761600 }),
    current_password: z
      .string()
      .max(200)
      .optional()
      .openapi({ description: 'Required when this request is itself signed with an api_access_token (not needed from a console session)' }),
  })
  .openapi('CreateAccessTokenRequest');

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/profile/access_tokens',
  ...requires('signed_in'),
  tags: ['Profile'],
  summary: "The signed-in user's API access tokens (never their secrets)",
  security: securityUserToken,
  responses: { 200: jsonContent(z.object({ payload: z.array(accessTokenSchema) }), 'Active tokens'), ...standardErrorResponses },
});

const createTokenRoute = createRoute({
  method: 'post',
  path: '/api/v1/profile/access_tokens',
  ...requires('signed_in'),
  tags: ['Profile'],
  summary: 'Create an API access token (optionally expiring); the token is shown in this answer only. Signed with a token, the request must send current_password',
  security: securityUserToken,
  request: { body: jsonBody(createAccessTokenRequestSchema) },
  responses: {
    200: jsonContent(accessTokenSchema.extend({ access_token: z.string() }).openapi('CreatedAccessToken'), 'The new token, with its secret'),
    ...standardErrorResponses,
  },
});

const revokeRoute = createRoute({
  method: 'delete',
  path: '/api/v1/profile/access_tokens/{token_id}',
  ...requires('signed_in'),
  tags: ['Profile'],
  summary: 'Revoke one of your tokens; requests with it are refused from now on',
  security: securityUserToken,
  request: { params: z.object({ token_id: idParam.openapi({ param: { name: 'token_id', in: 'path' } }) }) },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Revoked'), ...standardErrorResponses },
});

export function registerAccessTokens(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => c.json({ payload: await listAccessTokens(c.var.deps.db, c.var.auth.user.id) }, 200));
  app.openapi(createTokenRoute, async (c) => {
    const body = c.req.valid('json');
    const { auth, deps } = c.var;
    const created = await createAccessToken(
      deps.db,
      { userId: auth.user.id, method: auth.method },
      { name: body.name, expiresAt: body.expires_at ? new Date(body.expires_at * 1000) : null, currentPassword: body.current_password },
    );
    return c.json(created, 200);
  });
  app.openapi(revokeRoute, async (c) => {
    await revokeOwnAccessToken(c.var.deps.db, c.var.auth.user.id, c.req.valid('param').token_id);
    return c.json({ success: true }, 200);
  });
}
