import { createRoute } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { accountSchema, showAccount } from '../../../core/services/accounts/settings.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}',
  ...requires('account_member'),
  tags: ['Account'],
  summary: 'The account’s details and settings',
  security: securityUserToken,
  request: { params: accountParams },
  responses: { 200: jsonContent(accountSchema, 'The account'), ...standardErrorResponses },
});

export function registerShowAccount(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await showAccount({ ...c.var.deps, actor: c.var.actor }), 200));
}
