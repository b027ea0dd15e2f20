import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonBody, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { automationRuleSchema } from '../../../core/serializers/automation-rule.js';
import { updateRule } from '../../../core/services/automation/rules.js';
import { automationRuleParams, ruleFields } from './schemas.js';

export const updateAutomationRuleRequestSchema = z.object(ruleFields).partial().openapi('UpdateAutomationRuleRequest');

const route = createRoute({
  method: 'patch',
  path: '/api/v1/accounts/{account_id}/automation_rules/{id}',
  ...requires('administrator'),
  tags: ['Automation Rule'],
  summary: 'Change a routing rule, switch it on or off, or move it (position) (administrators only)',
  security: securityUserToken,
  request: { params: automationRuleParams, body: jsonBody(updateAutomationRuleRequestSchema) },
  responses: { 200: jsonContent(z.object({ payload: automationRuleSchema }), 'The rule afterwards'), ...standardErrorResponses },
});

export function registerUpdateAutomationRule(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const rule = await updateRule({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id, {
      name: body.name,
      description: body.description,
      eventName: body.event_name,
      conditions: body.conditions,
      actions: body.actions,
      active: body.active,
      position: body.position,
    });
    return c.json({ payload: rule }, 200);
  });
}
