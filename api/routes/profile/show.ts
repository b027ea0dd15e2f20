import { createRoute, z } from '@hono/zod-openapi';
import { rolePermissionSchema } from '../../../core/serializers/custom-role.js';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { loadProfile } from '../../../core/services/profile/load.js';

export const profileSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    display_name: z.string().nullable(),
    email: z.string(),
    ui_locale: z.string().nullable(),
    account_id: z.number().int().nullable(),
    role: z.enum(['administrator', 'agent']).nullable(),
    accounts: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        locale: z.string(),
        role: z.enum(['administrator', 'agent']),
        availability_status: z.enum(['online', 'busy', 'offline']),
        auto_offline: z.boolean(),
        custom_role_id: z.number().int().nullable(),
        permissions: z.array(rolePermissionSchema).openapi({ description: 'What the user may do in this account: the built-in role’s permissions or their custom role’s' }),
      }),
    ),
  })
  .openapi('Profile');

const route = createRoute({
  method: 'get',
  path: '/api/v1/profile',
  ...requires('signed_in'),
  tags: ['Profile'],
  summary: 'The signed-in user and the accounts they belong to',
  security: securityUserToken,
  responses: { 200: jsonContent(profileSchema, 'The profile'), ...standardErrorResponses },
});

export function registerShowProfile(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await loadProfile(c.var.deps.db, c.var.auth.user.id), 200));
}
