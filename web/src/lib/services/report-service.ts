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
