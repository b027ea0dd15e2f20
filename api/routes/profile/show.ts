import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { listMembershipsOfUser } from '../../../db/queries/users.js';
import type { AppEnv } from '../../context.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';

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
      }),
    ),
  })
  .openapi('Profile');

const route = createRoute({
  method: 'get',
  path: '/api/v1/profile',
  tags: ['Profile'],
  summary: 'The signed-in user and the accounts they belong to',
  security: securityUserToken,
  responses: { 200: jsonContent(profileSchema, 'The profile'), ...standardErrorResponses },
});

export function registerShowProfile(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const { user } = c.var.auth;
    const memberships = await listMembershipsOfUser(c.var.deps.db, user.id);
    return c.json(
      {
        id: user.id,
        name: user.name,
        display_name: user.displayName,
        email: user.email,
        ui_locale: user.uiLocale,
        account_id: memberships[0]?.accountId ?? null,
        role: memberships[0]?.role ?? null,
        accounts: memberships.map((m) => ({
          id: m.accountId,
          name: m.accountName,
          locale: m.locale,
          role: m.role,
          availability_status: m.availability,
          auto_offline: m.autoOffline,
        })),
      },
      200,
    );
  });
}
