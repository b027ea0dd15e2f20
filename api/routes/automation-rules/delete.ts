import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { deleteRule } from '../../../core/services/automation/rules.js';
import { automationRuleParams } from './schemas.js';

const route = createRoute({
  method: 'delete',
  path: '/api/v1/accounts/{account_id}/automation_rules/{id}',
  ...requires('administrator'),
  tags: ['Automation Rule'],
  summary: 'Delete a routing rule (administrators only)',
  security: securityUserToken,
  request: { params: automationRuleParams },
  responses: { 200: jsonContent(z.object({ success: z.boolean() }), 'Deleted'), ...standardErrorResponses },
});

export function registerDeleteAutomationRule(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    await deleteRule({ ...c.var.deps, actor: c.var.actor }, c.req.valid('param').id);
    return c.json({ success: true }, 200);
  });
}
