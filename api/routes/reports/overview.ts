import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { reportOverviewSchema } from '../../../core/serializers/report.js';
import { reportOverview } from '../../../core/services/reports/report.js';
import { reportOverviewQuery } from './schemas.js';
import { requires } from '../../route-access.js';

const route = createRoute({
  method: 'get',
  path: '/api/v2/accounts/{account_id}/reports/overview',
  ...requires('report_manage'),
  tags: ['Reports'],
  summary: 'Parley: the live overview — conversations now, agents by availability with their load, and the last 7 days’ traffic heatmap (administrators only)',
  security: securityUserToken,
  request: { params: accountParams, query: reportOverviewQuery },
  responses: { 200: jsonContent(reportOverviewSchema, 'The overview'), ...standardErrorResponses },
});

export function registerReportOverview(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const query = c.req.valid('query');
    return c.json(await reportOverview({ ...c.var.deps, actor: c.var.actor }, { timezone: query.timezone, timezoneOffset: query.timezone_offset }), 200);
  });
}
