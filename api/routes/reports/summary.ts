import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { reportSummarySchema } from '../../../core/serializers/report.js';
import { reportSummary } from '../../../core/services/reports/report.js';
import { reportInputOf, reportScopeQuery } from './schemas.js';
import { requires } from '../../route-access.js';

const route = createRoute({
  method: 'get',
  path: '/api/v2/accounts/{account_id}/reports/summary',
  ...requires('report_manage'),
  tags: ['Reports'],
  summary: 'Every metric for a period, with the period before it for the trend (administrators only)',
  security: securityUserToken,
  request: { params: accountParams, query: reportScopeQuery.openapi('ReportSummaryQuery') },
  responses: { 200: jsonContent(reportSummarySchema, 'The figures'), ...standardErrorResponses },
});

export function registerReportSummary(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => c.json(await reportSummary({ ...c.var.deps, actor: c.var.actor }, reportInputOf(c.req.valid('query'))), 200));
}
