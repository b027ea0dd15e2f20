import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { automationRuleSchema } from '../../../core/serializers/automation-rule.js';
import { showRule } from '../../../core/services/automation/rules.js';
import { automationRuleParams } from './schemas.js';

const route = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/automation_rules/{id}',
  ...requires('administrator'),
  tags: ['Automation Rule'],
  summary: 'One routing rule (administrators only)',
  security: securityUserToken,
  request: { params: automationRuleParams },
  responses: { 200: jsonContent(z.object({ payload: automationRuleSchema }), 'The rule'), ...standardErrorResponses },
});

export function registerShowAutomationRule(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json({ payload: await showRule({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id) }, 200));
}
