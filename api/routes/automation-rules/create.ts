import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { automationRuleSchema } from '../../../core/serializers/automation-rule.js';
import { createRule } from '../../../core/services/automation/rules.js';
import { ruleFields } from './schemas.js';

export const createAutomationRuleRequestSchema = z.object(ruleFields).omit({ position: true }).openapi('CreateAutomationRuleRequest');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/automation_rules',
  ...requires('administrator'),
  tags: ['Automation Rule'],
  summary: 'Create a routing rule; it runs after the existing ones (administrators only)',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(createAutomationRuleRequestSchema) },
  responses: { 200: jsonContent(z.object({ payload: automationRuleSchema }), 'The new rule'), ...standardErrorResponses },
});

export function registerCreateAutomationRule(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const rule = await createRule(
      { ...c.var.deps, actor: c.var.actor },
      { name: body.name, description: body.description, eventName: body.event_name, conditions: body.conditions, actions: body.actions, active: body.active },
    );
    return c.json({ payload: rule }, 200);
  });
}
