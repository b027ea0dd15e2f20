import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { automationRuleSchema } from '../../../core/serializers/automation-rule.js';
import { listRules } from '../../../core/services/automation/rules.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/automation_rules',
  ...requires('administrator'),
  tags: ['Automation Rule'],
  summary: 'The account’s routing rules in the order they run (administrators only)',
  security: securityUserToken,
  request: { params: accountParams },
  responses: { 200: jsonContent(z.object({ payload: z.array(automationRuleSchema) }), 'The rules'), ...standardErrorResponses },
});

export function registerListAutomationRules(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json({ payload: await listRules({ ...c.var.deps, actor: c.var.actor }) }, 200));
}
