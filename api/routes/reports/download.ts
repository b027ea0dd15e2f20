import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { reportCsv } from '../../../core/services/reports/report.js';
import { reportDownloadQuery, reportInputOf } from './schemas.js';
import { requires } from '../../route-access.js';

const route = createRoute({
  method: 'get',
  path: '/api/v2/accounts/{account_id}/reports/download',
  ...requires('report_manage'),
  tags: ['Reports'],
  summary: 'Parley: what a report page shows, as CSV (administrators only)',
  security: securityUserToken,
  request: { params: accountParams, query: reportDownloadQuery },
  responses: { 200: { content: { 'text/csv': { schema: z.string() } }, description: 'The report, one line per bucket or entity' }, ...standardErrorResponses },
});

export function registerReportDownload(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const query = c.req.valid('query');
    const csv = await reportCsv({ ...c.var.deps, actor: c.var.actor }, { ...reportInputOf(query), report: query.report });
    return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${query.report}-report.csv"` });
  });
}
