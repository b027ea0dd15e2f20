import { and, asc, eq, sql } from 'drizzle-orm';
import {
  agentLoads,
  conversationHeatmap,
  liveConversationCounts,
  medianDurations,
  medianDurationsByEntity,
  sumRollups,
  sumRollupsByBucket,
  sumRollupsByEntity,
  type EntityDimension,
  type ReportGrouping,
  type ReportPeriod,
  type ReportScope,
} from '../../../db/queries/reports.js';
import { accountMemberships, accounts, inboxes, labels, teams, users } from '../../../db/schema/index.js';
import type { ServiceContext } from '../../context.js';
import { isValidTimezone } from '../../domain/business-hours.js';
import { invalid, notFound } from '../../errors.js';
import {
  metricValue,
  serializeEntitySummary,
  serializeSummaryPeriod,
  type EntitySummaryJson,
  type ReportMetric,
  type ReportOverviewJson,
  type ReportSummaryPeriodJson,
} from '../../serializers/report.js';
import { assertCanReadReports } from './access.js';

export type ReportInput = {
  since?: number;
  until?: number;
  businessHours?: boolean;
  type?: ReportScope['type'];
  id?: number;
  groupBy?: ReportGrouping;
  timezone?: string;
  timezoneOffset?: number;
};

const hourMs = 3_600_000;
const defaultPeriodMs = 7 * 24 * hourMs;
/** More buckets than this is not a chart anyone reads: ask for a coarser grouping. */
const maxBuckets = 400;
const approximateBucketMs: Record<ReportGrouping, number> = { hour: hourMs, day: 24 * hourMs, week: 7 * 24 * hourMs, month: 28 * 24 * hourMs, year: 365 * 24 * hourMs };

/**
 * The period as whole hours (the rollups' grain), by default the last 7 days; the scope the report
 * is about, checked to be of this account.
 */
async function resolvePeriod(ctx: ServiceContext, input: ReportInput): Promise<ReportPeriod> {
  assertCanReadReports(ctx);
  if (input.since && input.until && input.since >= input.until) throw invalid('since', 'since must be before until');
  const now = Date.now();
  const untilMs = Math.ceil((input.until ? input.until * 1000 : now) / hourMs) * hourMs;
  const sinceMs = Math.floor((input.since ? input.since * 1000 : untilMs - defaultPeriodMs) / hourMs) * hourMs;
  if (sinceMs >= untilMs) throw invalid('since', 'since must be before until');
  if (untilMs - sinceMs > 5 * 366 * 24 * hourMs) throw invalid('since', 'A report covers at most five years');
  reportTimezone(input);
  const scope = await resolveScope(ctx, input);
  return { accountId: ctx.actor.accountId, since: new Date(sinceMs), until: new Date(untilMs), scope };
}

async function resolveScope(ctx: ServiceContext, input: ReportInput): Promise<ReportScope> {
  const type = input.type ?? 'account';
  if (type === 'account') return { type };
  if (!input.id) throw invalid('id', `id is required for type ${type}`);
  const accountId = ctx.actor.accountId;
  const found =
    type === 'agent'
      ? await ctx.db.select({ id: accountMemberships.userId }).from(accountMemberships).where(and(eq(accountMemberships.accountId, accountId), eq(accountMemberships.userId, input.id)))
      : type === 'inbox'
        ? await ctx.db.select({ id: inboxes.id }).from(inboxes).where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, input.id)))
        : type === 'team'
          ? await ctx.db.select({ id: teams.id }).from(teams).where(and(eq(teams.accountId, accountId), eq(teams.id, input.id)))
          : await ctx.db.select({ id: labels.id }).from(labels).where(and(eq(labels.accountId, accountId), eq(labels.id, input.id)));
  if (found.length === 0) throw notFound(type.charAt(0).toUpperCase() + type.slice(1));
  return { type, id: input.id };
}

/**
 * The wall clock buckets follow: an IANA zone (`timezone`, DST applied), else Chatwoot's
 * `timezone_offset` in hours (a fixed offset), else UTC.
 */
export function reportTimezone(input: Pick<ReportInput, 'timezone' | 'timezoneOffset'>): string {
  if (input.timezone !== undefined) {
    if (!isValidTimezone(input.timezone)) throw invalid('timezone', 'timezone must be an IANA time zone such as America/Sao_Paulo');
    return input.timezone;
  }
  if (input.timezoneOffset !== undefined) {
    const minutes = Math.round(input.timezoneOffset * 60);
    if (Math.abs(minutes) > 14 * 60) throw invalid('timezone_offset', 'timezone_offset must be between -14 and 14 hours');
    const clock = `${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
    // A POSIX zone: its offset sign is west-positive, the opposite of ISO's.
    return `<${minutes < 0 ? '-' : '+'}${clock.replace(':', '')}>${minutes < 0 ? '+' : '-'}${clock}`;
  }
  return 'UTC';
}

/** The time series of one metric (Chatwoot's GET /api/v2/accounts/{id}/reports). */
export async function reportTimeSeries(ctx: ServiceContext, input: ReportInput & { metric: ReportMetric }) {
  const period = await resolvePeriod(ctx, input);
  const grouping = input.groupBy ?? 'day';
  if ((period.until.getTime() - period.since.getTime()) / approximateBucketMs[grouping] > maxBuckets) {
    throw invalid('group_by', `group_by ${grouping} gives more than ${maxBuckets} points for this period; choose a longer grouping`);
  }
  const buckets = await sumRollupsByBucket(ctx.db, period, input.businessHours ?? false, grouping, reportTimezone(input));
  return buckets.map((bucket) => ({ ...metricValue(input.metric, bucket.sums), timestamp: bucket.timestamp }));
}

async function summaryOf(ctx: ServiceContext, period: ReportPeriod, businessHours: boolean): Promise<ReportSummaryPeriodJson> {
  const [sums, medians] = [await sumRollups(ctx.db, period, businessHours), await medianDurations(ctx.db, period, businessHours)];
  return serializeSummaryPeriod(sums, medians);
}

/** Totals of a period and of the one just before (for the trend), Chatwoot's /reports/summary. */
export async function reportSummary(ctx: ServiceContext, input: ReportInput) {
  const period = await resolvePeriod(ctx, input);
  const length = period.until.getTime() - period.since.getTime();
  const previous = { ...period, since: new Date(period.since.getTime() - length), until: period.since };
  const businessHours = input.businessHours ?? false;
  return { ...(await summaryOf(ctx, period, businessHours)), previous: await summaryOf(ctx, previous, businessHours) };
}

/** Every agent / inbox / team / label of the account with the period's figures (zeros when none). */
export async function reportEntitySummaries(ctx: ServiceContext, input: ReportInput & { dimension: EntityDimension }): Promise<EntitySummaryJson[]> {
  const period = await resolvePeriod(ctx, { ...input, type: 'account', id: undefined });
  const businessHours = input.businessHours ?? false;
  const [entities, sums, medians] = [
    await listEntities(ctx, input.dimension),
    await sumRollupsByEntity(ctx.db, period, businessHours, input.dimension),
    await medianDurationsByEntity(ctx.db, period, businessHours, input.dimension),
  ];
  const none = { conversations: 0, incoming: 0, outgoing: 0, firstResponseCount: 0, firstResponseMs: 0, replyTimeCount: 0, replyTimeMs: 0, resolutions: 0, resolutionMs: 0 };
  return entities.map((entity) => serializeEntitySummary(entity, sums.get(entity.id) ?? none, medians.get(entity.id)));
}

async function listEntities(ctx: ServiceContext, dimension: EntityDimension): Promise<{ id: number; name: string }[]> {
  const accountId = ctx.actor.accountId;
  switch (dimension) {
    case 'agent':
      return ctx.db
        .select({ id: accountMemberships.userId, name: sql<string>`coalesce(${accountMemberships.name}, ${users.displayName}, ${users.name})` })
        .from(accountMemberships)
        .innerJoin(users, eq(users.id, accountMemberships.userId))
        .where(eq(accountMemberships.accountId, accountId))
        .orderBy(asc(accountMemberships.userId));
    case 'inbox':
      return ctx.db.select({ id: inboxes.id, name: inboxes.name }).from(inboxes).where(eq(inboxes.accountId, accountId)).orderBy(asc(inboxes.id));
    case 'team':
      return ctx.db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.accountId, accountId)).orderBy(asc(teams.id));
    case 'label':
      return ctx.db.select({ id: labels.id, name: labels.title }).from(labels).where(eq(labels.accountId, accountId)).orderBy(asc(labels.id));
  }
}

/** Chatwoot's /reports/conversations for the account: what is open right now. */
export async function reportConversationCounts(ctx: ServiceContext) {
  assertCanReadReports(ctx);
  return liveConversationCounts(ctx.db, ctx.actor.accountId);
}

/** The live overview: conversations now, agents' availability and load, and last week's traffic heatmap. */
export async function reportOverview(ctx: ServiceContext, input: Pick<ReportInput, 'timezone' | 'timezoneOffset'>): Promise<ReportOverviewJson> {
  assertCanReadReports(ctx);
  const accountId = ctx.actor.accountId;
  const timezone = reportTimezone(input);
  const until = new Date(Math.ceil(Date.now() / hourMs) * hourMs);
  const since = new Date(until.getTime() - defaultPeriodMs);
  const [conversations, agents, heatmap, [account]] = [
    await liveConversationCounts(ctx.db, accountId),
    await agentLoads(ctx.db, accountId),
    await conversationHeatmap(ctx.db, { accountId, since, until, timezone }),
    await ctx.db.select({ limit: accounts.maxOpenConversationsPerAgent }).from(accounts).where(eq(accounts.id, accountId)),
  ];
  const status = { online: 0, busy: 0, offline: 0 };
  for (const agent of agents) status[agent.availability]++;
  return {
    conversations,
    agents_status: status,
    agents: agents.map((agent) => ({ ...agent, capacity: account?.limit ?? null })),
    heatmap: heatmap.map((cell) => ({ day_of_week: cell.dayOfWeek, hour: cell.hour, count: cell.count })),
    timezone,
  };
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(Math.round(value * 100) / 100);
  // Quoted when it must be, and when it could be read as a formula by a spreadsheet.
  return /[",\n\r]|^[=+\-@]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
const csvOf = (rows: (string | number | null)[][]) => rows.map((row) => row.map(csvCell).join(',')).join('\n') + '\n';

/**
 * CSV of what a report page shows: `conversations` (one line per bucket, a column per metric) or
 * one of the entity tables (a line per agent / inbox / team / label). Durations in seconds.
 */
export async function reportCsv(ctx: ServiceContext, input: ReportInput & { report: 'conversations' | EntityDimension }): Promise<string> {
  if (input.report === 'conversations') {
    const metrics: ReportMetric[] = ['conversations_count', 'avg_first_response_time', 'reply_time', 'avg_resolution_time', 'resolutions_count', 'incoming_messages_count', 'outgoing_messages_count'];
    const series = await Promise.all(metrics.map((metric) => reportTimeSeries(ctx, { ...input, metric })));
    const timezone = reportTimezone(input);
    const rows = series[0].map((point, index) => [localDate(point.timestamp, timezone), ...series.map((s) => s[index].value)]);
    return csvOf([['period_start', ...metrics], ...rows]);
  }
  const entities = await reportEntitySummaries(ctx, { ...input, dimension: input.report });
  const columns = ['id', 'name', 'conversations_count', 'avg_first_response_time', 'median_first_response_time', 'avg_reply_time', 'median_reply_time', 'avg_resolution_time', 'median_resolution_time', 'resolved_conversations_count', 'incoming_messages_count', 'outgoing_messages_count'] as const;
  return csvOf([[...columns], ...entities.map((entity) => columns.map((column) => entity[column]))]);
}

/** A bucket's start as the local date-time it is (ISO, no offset) — POSIX zones go through the offset. */
function localDate(timestamp: number, timezone: string): string {
  const posix = /^<([+-])(\d\d)(\d\d)>/.exec(timezone);
  if (posix) {
    const offset = (posix[1] === '-' ? -1 : 1) * (Number(posix[2]) * 60 + Number(posix[3])) * 60_000;
    return new Date(timestamp * 1000 + offset).toISOString().slice(0, 16).replace('T', ' ');
  }
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(timestamp * 1000))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
