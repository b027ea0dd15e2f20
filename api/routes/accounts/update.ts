import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { supportedLocales } from '../../../db/schema/index.js';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { accountSchema, updateAccount } from '../../../core/services/accounts/settings.js';
import { assignmentLimitSchema } from '../inboxes/schemas.js';

export const updateAccountRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(255).optional(),
    locale: z.enum(supportedLocales).optional(),
    auto_resolve_duration: z
      .number()
      // One second at least: smaller positives (down to 5e-324) are not storable as double precision in Postgres.
      .min(1 / 86_400)
      .max(999)
      .nullable()
      .optional()
      .openapi({ description: 'Days (fractions allowed) a conversation may wait without a message before it is resolved; null switches it off' }),
    max_open_conversations_per_agent: assignmentLimitSchema
      .nullable()
      .optional()
      .openapi({ description: 'Open conversations an agent may hold across all inboxes before the router skips them; null: no account-wide limit' }),
  })
  .openapi('UpdateAccountRequest');

const route = createRoute({
  method: 'patch',
  path: '/api/v1/accounts/{account_id}',
  ...requires('administrator'),
  tags: ['Account'],
  summary: 'Change the account’s name, locale, auto-resolve duration or account-wide limit of open conversations per agent (administrators only)',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(updateAccountRequestSchema) },
  responses: { 200: jsonContent(accountSchema, 'The account afterwards'), ...standardErrorResponses },
});

export function registerUpdateAccount(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const account = await updateAccount(
      { ...c.var.deps, actor: c.var.actor },
      { name: body.name, locale: body.locale, autoResolveDurationDays: body.auto_resolve_duration, maxOpenConversationsPerAgent: body.max_open_conversations_per_agent },
    );
    return c.json(account, 200);
  });
}
