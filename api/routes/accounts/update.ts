import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { updateAccount } from '../../../core/services/accounts/update.js';
import { assignmentLimitSchema } from '../inboxes/schemas.js';

export const updateAccountRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(255).optional(),
    max_open_conversations_per_agent: assignmentLimitSchema
      .nullable()
      .optional()
      .openapi({ description: 'Open conversations an agent may hold across all inboxes before the router skips them; null: no account-wide limit' }),
  })
  .openapi('UpdateAccountRequest');

const accountSchema = z
  .object({ id: z.number().int(), name: z.string(), locale: z.string(), max_open_conversations_per_agent: z.number().int().nullable() })
  .openapi('Account');

const route = createRoute({
  method: 'patch',
  path: '/api/v1/accounts/{account_id}',
  tags: ['Account'],
  summary: 'Rename the account or set its account-wide limit of open conversations per agent (administrators only)',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(updateAccountRequestSchema) },
  responses: { 200: jsonContent(accountSchema, 'The account'), ...standardErrorResponses },
});

export function registerUpdateAccount(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    return c.json(await updateAccount({ ...c.var.deps, actor: c.var.actor }, { name: body.name, maxOpenConversationsPerAgent: body.max_open_conversations_per_agent }), 200);
  });
}
