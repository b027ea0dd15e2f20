import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { supportedLocales } from '../../../db/schema/index.js';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { accountSchema, updateAccount } from '../../../core/services/accounts/settings.js';

export const updateAccountRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(255).optional(),
    locale: z.enum(supportedLocales).optional(),
    auto_resolve_duration: z
      .number()
      .positive()
      .max(999)
      .nullable()
      .optional()
      .openapi({ description: 'Days (fractions allowed) a conversation may wait without a message before it is resolved; null switches it off' }),
  })
  .openapi('UpdateAccountRequest');

const route = createRoute({
  method: 'patch',
  path: '/api/v1/accounts/{account_id}',
  tags: ['Account'],
  summary: 'Change the account’s name, locale or auto-resolve duration (administrators only)',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(updateAccountRequestSchema) },
  responses: { 200: jsonContent(accountSchema, 'The account afterwards'), ...standardErrorResponses },
});

export function registerUpdateAccount(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const account = await updateAccount({ ...c.var.deps, actor: c.var.actor }, { name: body.name, locale: body.locale, autoResolveDurationDays: body.auto_resolve_duration });
    return c.json(account, 200);
  });
}
