import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonBody, jsonContent, securityUserToken, standardErrorResponses, idField } from '../../openapi-schemas.js';
import { automationActionSchema, automationConditionSchema } from '../../../core/serializers/automation-rule.js';
import { dryRunRule } from '../../../core/services/automation/rules.js';
import { ruleFields } from './schemas.js';

export const dryRunRequestSchema = z
  .object({
    conversation_id: idField.openapi({ description: 'The conversation (its display id) to try the rule on' }),
    event_name: ruleFields.event_name,
    conditions: ruleFields.conditions,
    actions: ruleFields.actions,
  })
  .openapi('AutomationRuleDryRunRequest');

export const dryRunResponseSchema = z
  .object({
    matched: z.boolean(),
    conversation_id: z.number().int(),
    message: z.object({ content: z.string().nullable() }).nullable(),
    conditions: z.array(automationConditionSchema.extend({ matched: z.boolean() })),
    actions: z.array(automationActionSchema.extend({ description: z.string() })),
  })
  .openapi('AutomationRuleDryRun');

const route = createRoute({
  method: 'post',
  path: '/api/v1/accounts/{account_id}/automation_rules/dry_run',
  ...requires('administrator'),
  tags: ['Automation Rule'],
  summary: 'Try a rule (saved or not) against an existing conversation: which conditions hold and what would happen; nothing changes (administrators only)',
  security: securityUserToken,
  request: { params: accountParams, body: jsonBody(dryRunRequestSchema) },
  responses: { 200: jsonContent(dryRunResponseSchema, 'What the rule would do'), ...standardErrorResponses },
});

export function registerDryRunAutomationRule(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const result = await dryRunRule(
      { ...c.var.deps, actor: c.var.actor },
      { displayId: body.conversation_id, rule: { eventName: body.event_name, conditions: body.conditions, actions: body.actions } },
    );
    return c.json(result, 200);
  });
}
