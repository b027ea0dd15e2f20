import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { reportPointSchema } from '../../../core/serializers/report.js';
import { reportTimeSeries } from '../../../core/services/reports/report.js';
import { reportInputOf, reportTimeSeriesQuery } from './schemas.js';
import { requires } from '../../route-access.js';

const route = createRoute({
  method: 'get',
  path: '/api/v2/accounts/{account_id}/reports',
  ...requires('report_manage'),
  tags: ['Reports'],
  summary: 'One metric over a period, a point per day / week / month (administrators only)',
  security: securityUserToken,
  request: { params: accountParams, query: reportTimeSeriesQuery },
  responses: { 200: jsonContent(z.array(reportPointSchema), 'The points, oldest first, empty buckets as 0'), ...standardErrorResponses },
});

export function registerReportTimeSeries(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const query = c.req.valid('query');
    return c.json(await reportTimeSeries({ ...c.var.deps, actor: c.var.actor }, { ...reportInputOf(query), metric: query.metric }), 200);
  });
}
