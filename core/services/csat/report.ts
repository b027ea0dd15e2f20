import { csatCounts, listCsatResponses, type CsatReportFilter } from '../../../db/queries/csat.js';
import type { ServiceContext } from '../../context.js';
import { csatFigures } from '../../domain/csat.js';
import { canSeeReports } from '../../domain/permissions.js';
import { forbidden, invalid } from '../../errors.js';
import type { CsatMetricsJson, CsatResponseJson } from '../../serializers/csat.js';
import { unixSeconds } from '../../serializers/time.js';

export type CsatReportInput = { since?: number; until?: number; agentIds?: number[] };

const defaultPeriodMs = 7 * 24 * 60 * 60 * 1000;
export const csatResponsesPageSize = 25;

/** Reports are administrators' (as Chatwoot's); the period is Unix seconds, by default the last 7 days. */
function reportFilter(ctx: ServiceContext, input: CsatReportInput): CsatReportFilter {
  if (!canSeeReports(ctx.actor)) throw forbidden('Reports need the report_manage permission');
  const until = input.until ? new Date(input.until * 1000) : new Date();
  const since = input.since ? new Date(input.since * 1000) : new Date(until.getTime() - defaultPeriodMs);
  if (since >= until) throw invalid('since', 'since must be before until');
  return { accountId: ctx.actor.accountId, since, until, agentIds: input.agentIds };
}

export async function csatMetrics(ctx: ServiceContext, input: CsatReportInput): Promise<CsatMetricsJson> {
  const rows = await csatCounts(ctx.db, reportFilter(ctx, input));
  const ratings: Record<number, number> = {};
  let surveysSent = 0;
  for (const row of rows) {
    if (row.status === 'withdrawn' || row.status === 'pending') continue;
    surveysSent += row.count;
    if (row.status === 'answered' && row.rating) ratings[row.rating] = (ratings[row.rating] ?? 0) + row.count;
  }
  const figures = csatFigures({ ratings, surveysSent });
  return {
    total_count: figures.responses,
    total_sent_messages_count: figures.surveysSent,
    ratings_count: figures.ratings,
    satisfaction_score: figures.satisfactionScore,
    response_rate: figures.responseRate,
  };
}

async function responses(ctx: ServiceContext, input: CsatReportInput & { page?: number }, paged: boolean): Promise<CsatResponseJson[]> {
  const filter = reportFilter(ctx, input);
  const page = Math.max(1, input.page ?? 1);
  const rows = await listCsatResponses(ctx.db, paged ? { ...filter, limit: csatResponsesPageSize, offset: (page - 1) * csatResponsesPageSize } : filter);
  return rows.map((row) => ({
    id: row.survey.id,
    rating: row.survey.rating!,
    feedback_message: row.survey.feedback,
    account_id: row.survey.accountId,
    message_id: row.survey.messageId,
    conversation_id: row.conversationDisplayId,
    contact: row.contact,
    assigned_agent: row.agent?.id ? { id: row.agent.id, name: row.agent.name ?? '', email: row.agent.email ?? '' } : null,
    created_at: unixSeconds(row.survey.answeredAt)!,
  }));
}

export const listCsatSurveyResponses = (ctx: ServiceContext, input: CsatReportInput & { page?: number }) => responses(ctx, input, true);

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote everything; a leading = + - @ would run as a formula in a spreadsheet, so it gets a quote mark.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
};

/** The responses as CSV (every response in the period, not one page), for spreadsheets. */
export async function csatResponsesCsv(ctx: ServiceContext, input: CsatReportInput): Promise<string> {
  const rows = await responses(ctx, input, false);
  const header = ['Conversation', 'Rating', 'Feedback', 'Contact', 'Contact email', 'Agent', 'Answered at'];
  const lines = rows.map((row) =>
    [row.conversation_id, row.rating, row.feedback_message, row.contact.name, row.contact.email, row.assigned_agent?.name, new Date(row.created_at * 1000).toISOString()].map(csvCell).join(','),
  );
  return [header.map(csvCell).join(','), ...lines].join('\r\n') + '\r\n';
}
