import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../env.js';
import { accountParams, jsonContent, securityUserToken, standardErrorResponses } from '../../openapi-schemas.js';
import { entitySummarySchema } from '../../../core/serializers/report.js';
import { reportEntitySummaries } from '../../../core/services/reports/report.js';
import { reportInputOf, reportPeriodQuery } from './schemas.js';
import { requires } from '../../route-access.js';

const dimensions = [
  { dimension: 'agent', what: 'agent' },
  { dimension: 'inbox', what: 'inbox' },
  { dimension: 'team', what: 'team' },
  // Parley: Chatwoot has no label summary; same shape.
  { dimension: 'label', what: 'label' },
] as const;

/** Chatwoot's /api/v2/accounts/{id}/summary_reports/{agent,inbox,team} (and label): one row per entity. */
export function registerReportEntitySummaries(app: OpenAPIHono<AppEnv>) {
  for (const { dimension, what } of dimensions) {
    const route = createRoute({
      method: 'get',
      path: `/api/v2/accounts/{account_id}/summary_reports/${dimension}`,
      ...requires('report_manage'),
      tags: ['Reports'],
      summary: `Every ${what} of the account with the period's figures (administrators only)`,
      security: securityUserToken,
      request: { params: accountParams, query: reportPeriodQuery.openapi('ReportPeriodQuery') },
      responses: { 200: jsonContent(z.array(entitySummarySchema), `One row per ${what}`), ...standardErrorResponses },
    });
    app.openapi(route, async (c) => c.json(await reportEntitySummaries({ ...c.var.deps, actor: c.var.actor }, { ...reportInputOf(c.req.valid('query')), dimension }), 200));
  }
}
