import { createRoute, z } from '@hono/zod-openapi';
import { requires } from '../../route-access.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { csatMetricsSchema, csatResponseSchema } from '../../../core/serializers/csat.js';
import { csatMetrics, csatResponsesCsv, listCsatSurveyResponses } from '../../../core/services/csat/report.js';
import { csatReportQuery, reportInputOf } from './schemas.js';

const listRoute = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/csat_survey_responses',
  ...requires('report_manage'),
  tags: ['CSAT'],
  summary: 'CSAT responses in a period, newest first, 25 a page (administrators only)',
  security: securityUserToken,
  request: { params: accountParams, query: csatReportQuery.extend({ page: z.coerce.number().int().positive().optional() }) },
  responses: { 200: jsonContent(z.array(csatResponseSchema), 'The responses'), ...standardErrorResponses },
});

const metricsRoute = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/csat_survey_responses/metrics',
  ...requires('report_manage'),
  tags: ['CSAT'],
  summary: 'CSAT figures for a period: responses, surveys sent, satisfaction score, response rate, share per rating (administrators only)',
  security: securityUserToken,
  request: { params: accountParams, query: csatReportQuery },
  responses: { 200: jsonContent(csatMetricsSchema, 'The figures'), ...standardErrorResponses },
});

const downloadRoute = createRoute({
  method: 'get',
  path: '/api/v1/accounts/{account_id}/csat_survey_responses/download',
  ...requires('report_manage'),
  tags: ['CSAT'],
  summary: 'Every CSAT response in a period as CSV (administrators only)',
  security: securityUserToken,
  request: { params: accountParams, query: csatReportQuery },
  responses: { 200: { content: { 'text/csv': { schema: z.string() } }, description: 'The responses, one a line' }, ...standardErrorResponses },
});

export function registerCsatReport(app: OpenAPIHono<AppEnv>) {
  app.openapi(metricsRoute, async (c) => c.json(await csatMetrics({ ...c.var.deps, actor: c.var.actor }, reportInputOf(c.req.valid('query'))), 200));
  app.openapi(downloadRoute, async (c) => {
    const csv = await csatResponsesCsv({ ...c.var.deps, actor: c.var.actor }, reportInputOf(c.req.valid('query')));
    return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="csat-responses.csv"' });
  });
  app.openapi(listRoute, async (c) => {
    const query = c.req.valid('query');
    return c.json(await listCsatSurveyResponses({ ...c.var.deps, actor: c.var.actor }, { ...reportInputOf(query), page: query.page }), 200);
  });
}
