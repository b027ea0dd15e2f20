import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { conversationCountsSchema } from '../../../core/serializers/report.js';
import { reportConversationCounts } from '../../../core/services/reports/report.js';
import { requires } from '../../route-access.js';

const route = createRoute({
  method: 'get',
  path: '/api/v2/accounts/{account_id}/reports/conversations',
  ...requires('report_manage'),
  tags: ['Reports'],
  summary: 'Conversations open right now: open, unattended (no agent reply yet), unassigned, pending (administrators only)',
  security: securityUserToken,
  request: { params: accountParams },
  responses: { 200: jsonContent(conversationCountsSchema, 'The counts'), ...standardErrorResponses },
});

export function registerReportConversationCounts(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await reportConversationCounts({ ...c.var.deps, actor: c.var.actor }), 200));
}
