import { accountPath, apiRequest, withQuery, type RequestFunction } from './http';

export interface CsatMetrics {
  total_count: number;
  total_sent_messages_count: number;
  ratings_count: Record<string, number>;
  satisfaction_score: number;
  response_rate: number;
}

export interface CsatResponse {
  id: number;
  rating: number;
  feedback_message: string | null;
  conversation_id: number;
  contact: { id: number; name: string; email: string | null };
  assigned_agent: { id: number; name: string; email: string } | null;
  created_at: number;
}

export type CsatFilter = { since: number; until: number; agentIds: number[] };

const query = (filter: CsatFilter) => ({ since: filter.since, until: filter.until, user_ids: filter.agentIds.join(',') || undefined });

export async function getCsatMetrics(accountId: number, filter: CsatFilter, request: RequestFunction = fetch): Promise<CsatMetrics> {
  return apiRequest<CsatMetrics>(request, accountPath(accountId, '/csat_survey_responses/metrics'), { query: query(filter) });
}

export async function listCsatResponses(accountId: number, filter: CsatFilter, page = 1, request: RequestFunction = fetch): Promise<CsatResponse[]> {
  return apiRequest<CsatResponse[]>(request, accountPath(accountId, '/csat_survey_responses'), { query: { ...query(filter), page } });
}

/** The CSV export's address: a plain link, so the browser downloads it with the session cookie. */
export const csatDownloadUrl = (accountId: number, filter: CsatFilter) => withQuery(accountPath(accountId, '/csat_survey_responses/download'), query(filter));

// Chatwoot's v2 reports: the live overview, a period's totals, one metric over time, and the per-entity tables.

/** Chatwoot's report metrics, in the order the console shows them. */
export const reportMetrics = ['conversations_count', 'avg_first_response_time', 'reply_time', 'avg_resolution_time', 'resolutions_count', 'incoming_messages_count', 'outgoing_messages_count'] as const;
export type ReportMetric = (typeof reportMetrics)[number];
/** The metrics that are durations in seconds (averages, with a median beside them). */
export const durationMetrics: Partial<Record<ReportMetric, 'median_first_response_time' | 'median_reply_time' | 'median_resolution_time'>> = {
  avg_first_response_time: 'median_first_response_time',
  reply_time: 'median_reply_time',
  avg_resolution_time: 'median_resolution_time',
};

export type ReportDimension = 'agent' | 'inbox' | 'team' | 'label';
export type ReportGrouping = 'day' | 'week' | 'month';

export interface ReportOverview {
  conversations: { open: number; unattended: number; unassigned: number; pending: number };
  agents_status: { online: number; busy: number; offline: number };
  agents: { id: number; name: string; availability: 'online' | 'busy' | 'offline'; open: number; unattended: number; capacity: number | null }[];
  /** Weekday (0 = Sunday) × hour cells with a count; empty cells are left out. */
  heatmap: { day_of_week: number; hour: number; count: number }[];
  timezone: string;
}

export type ReportSummaryPeriod = Record<ReportMetric, number> & {
  median_first_response_time: number | null;
  median_resolution_time: number | null;
  median_reply_time: number | null;
};
export type ReportSummary = ReportSummaryPeriod & { previous: ReportSummaryPeriod };

export interface ReportPoint {
  value: number;
  /** Start of the bucket, Unix seconds. */
  timestamp: number;
  count?: number;
}

export interface EntitySummary {
  id: number;
  name: string;
  conversations_count: number;
  resolved_conversations_count: number;
  avg_resolution_time: number | null;
  avg_first_response_time: number | null;
  avg_reply_time: number | null;
  incoming_messages_count: number;
  outgoing_messages_count: number;
  median_first_response_time: number | null;
  median_resolution_time: number | null;
  median_reply_time: number | null;
}

/** What a report page asks for: the period (Unix seconds), whom it is about, business hours, the wall clock. */
export interface ReportFilter {
  since: number;
  until: number;
  businessHours: boolean;
  timezone: string;
  type?: ReportDimension;
  id?: number;
}

const reportPath = (accountId: number, rest: string) => `/api/v2/accounts/${accountId}${rest}`;
const reportQuery = (filter: ReportFilter) => ({
  since: filter.since,
  until: filter.until,
  business_hours: filter.businessHours ? 'true' : undefined,
  timezone: filter.timezone,
  type: filter.id ? filter.type : undefined,
  id: filter.id,
});

export async function getReportOverview(accountId: number, timezone: string, request: RequestFunction = fetch): Promise<ReportOverview> {
  return apiRequest<ReportOverview>(request, reportPath(accountId, '/reports/overview'), { query: { timezone } });
}

export async function getReportSummary(accountId: number, filter: ReportFilter, request: RequestFunction = fetch): Promise<ReportSummary> {
  return apiRequest<ReportSummary>(request, reportPath(accountId, '/reports/summary'), { query: reportQuery(filter) });
}

export async function getReportTimeSeries(accountId: number, filter: ReportFilter, metric: ReportMetric, groupBy: ReportGrouping, request: RequestFunction = fetch): Promise<ReportPoint[]> {
  return apiRequest<ReportPoint[]>(request, reportPath(accountId, '/reports'), { query: { ...reportQuery(filter), metric, group_by: groupBy } });
}

/** Every agent / inbox / team / label with the period's figures (the scope of the filter is not applied: it is the whole account). */
export async function listEntitySummaries(accountId: number, dimension: ReportDimension, filter: ReportFilter, request: RequestFunction = fetch): Promise<EntitySummary[]> {
  return apiRequest<EntitySummary[]>(request, reportPath(accountId, `/summary_reports/${dimension}`), { query: { ...reportQuery(filter), type: undefined, id: undefined } });
}

/** The CSV of what a report page shows: the buckets of its charts, or its entity table. A plain link (the session cookie goes with it). */
export function reportDownloadUrl(accountId: number, report: 'conversations' | ReportDimension, filter: ReportFilter, groupBy: ReportGrouping): string {
  const scoped = report === 'conversations' ? reportQuery(filter) : { ...reportQuery(filter), type: undefined, id: undefined };
  return withQuery(reportPath(accountId, '/reports/download'), { ...scoped, report, group_by: groupBy });
}
