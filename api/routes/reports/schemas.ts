import { z } from '@hono/zod-openapi';
import { reportMetrics } from '../../../core/serializers/report.js';
import { idParam } from '../../openapi-schemas.js';

const booleanFlag = z
  .enum(['true', 'false'])
  .optional()
  .transform((value) => value === 'true');

/** Chatwoot's v2 report filters: the period in Unix seconds (default the last 7 days), business hours, the wall clock. */
export const reportPeriodQuery = z.object({
  since: z.coerce.number().int().positive().optional().openapi({ description: 'Start of the period, Unix seconds (default: 7 days before until); rounded down to the hour' }),
  until: z.coerce.number().int().positive().optional().openapi({ description: 'End of the period, Unix seconds (default: now); rounded up to the hour' }),
  business_hours: booleanFlag.openapi({ description: 'Count durations only inside each inbox’s business hours', type: 'boolean' }),
  timezone: z.string().optional().openapi({ description: 'Parley: IANA time zone the buckets follow (DST applied); wins over timezone_offset' }),
  timezone_offset: z.coerce.number().optional().openapi({ description: 'Chatwoot: hours from UTC the buckets follow (default 0)' }),
});

export const reportScopeQuery = reportPeriodQuery.extend({
  type: z.enum(['account', 'agent', 'inbox', 'team', 'label']).optional().openapi({ description: 'What the report is about (default account)' }),
  id: idParam.optional().openapi({ description: 'The agent, inbox, team or label id (with type)' }),
});

export const reportTimeSeriesQuery = reportScopeQuery
  .extend({
    metric: z.enum(reportMetrics),
    group_by: z.enum(['hour', 'day', 'week', 'month', 'year']).optional().openapi({ description: 'Bucket size (default day)' }),
  })
  .openapi('ReportTimeSeriesQuery');

export const reportDownloadQuery = reportScopeQuery
  .extend({
    report: z.enum(['conversations', 'agent', 'inbox', 'team', 'label']).openapi({ description: 'conversations: a line per bucket; otherwise a line per entity' }),
    group_by: z.enum(['hour', 'day', 'week', 'month', 'year']).optional(),
  })
  .openapi('ReportDownloadQuery');

export const reportOverviewQuery = reportPeriodQuery.pick({ timezone: true, timezone_offset: true }).openapi('ReportOverviewQuery');

export const reportInputOf = (query: z.infer<typeof reportScopeQuery> & { group_by?: 'hour' | 'day' | 'week' | 'month' | 'year' }) => ({
  since: query.since,
  until: query.until,
  businessHours: query.business_hours,
  type: query.type,
  id: query.id,
  groupBy: query.group_by,
  timezone: query.timezone,
  timezoneOffset: query.timezone_offset,
});
