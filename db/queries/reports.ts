import { sql, type SQL } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { effectiveAvailability } from './routing.js';
import { accountMemberships } from '../schema/index.js';

/** Timestamps go in as ISO text: drizzle's postgres-js setup does not serialise Date parameters of raw SQL. */
const iso = (date: Date) => date.toISOString();

export type ReportScope = { type: 'account' } | { type: 'agent' | 'inbox' | 'team' | 'label'; id: number };
export type ReportPeriod = { accountId: number; since: Date; until: Date; scope: ReportScope };
export type ReportGrouping = 'hour' | 'day' | 'week' | 'month' | 'year';
export type EntityDimension = 'agent' | 'inbox' | 'team' | 'label';

/** The rollup rows a scope reads: labels have their own rows (label_id <> 0), everything else the label_id = 0 ones. */
function rollupScope(scope: ReportScope): SQL {
  switch (scope.type) {
    case 'account':
      return sql`r.label_id = 0`;
    case 'agent':
      return sql`r.label_id = 0 and r.user_id = ${scope.id}`;
    case 'inbox':
      return sql`r.label_id = 0 and r.inbox_id = ${scope.id}`;
    case 'team':
      return sql`r.label_id = 0 and r.team_id = ${scope.id}`;
    case 'label':
      return sql`r.label_id = ${scope.id}`;
  }
}

function eventScope(scope: ReportScope): SQL {
  switch (scope.type) {
    case 'account':
      return sql`true`;
    case 'agent':
      return sql`e.user_id = ${scope.id}`;
    case 'inbox':
      return sql`e.inbox_id = ${scope.id}`;
    case 'team':
      return sql`e.team_id = ${scope.id}`;
    case 'label':
      return sql`e.label_ids @> array[${scope.id}::int]`;
  }
}

export type RollupSums = {
  conversations: number;
  incoming: number;
  outgoing: number;
  firstResponseCount: number;
  firstResponseMs: number;
  replyTimeCount: number;
  replyTimeMs: number;
  resolutions: number;
  resolutionMs: number;
};

/** Sums of the rollups; `business` picks the business-hours durations. */
const sums = (business: boolean) => sql`
  coalesce(sum(r.conversations_count), 0)::int as conversations,
  coalesce(sum(r.incoming_messages_count), 0)::int as incoming,
  coalesce(sum(r.outgoing_messages_count), 0)::int as outgoing,
  coalesce(sum(r.first_response_count), 0)::int as first_response_count,
  coalesce(sum(${business ? sql`r.first_response_business_ms` : sql`r.first_response_ms`}), 0)::float8 as first_response_ms,
  coalesce(sum(r.reply_time_count), 0)::int as reply_time_count,
  coalesce(sum(${business ? sql`r.reply_time_business_ms` : sql`r.reply_time_ms`}), 0)::float8 as reply_time_ms,
  coalesce(sum(r.resolutions_count), 0)::int as resolutions,
  coalesce(sum(${business ? sql`r.resolution_business_ms` : sql`r.resolution_ms`}), 0)::float8 as resolution_ms`;

type SumsRow = { conversations: number; incoming: number; outgoing: number; first_response_count: number; first_response_ms: number; reply_time_count: number; reply_time_ms: number; resolutions: number; resolution_ms: number };
const sumsOf = (row: SumsRow | undefined): RollupSums => ({
  conversations: Number(row?.conversations ?? 0),
  incoming: Number(row?.incoming ?? 0),
  outgoing: Number(row?.outgoing ?? 0),
  firstResponseCount: Number(row?.first_response_count ?? 0),
  firstResponseMs: Number(row?.first_response_ms ?? 0),
  replyTimeCount: Number(row?.reply_time_count ?? 0),
  replyTimeMs: Number(row?.reply_time_ms ?? 0),
  resolutions: Number(row?.resolutions ?? 0),
  resolutionMs: Number(row?.resolution_ms ?? 0),
});

/** Totals over a period: at most one rollup row per hour and dimension, read through the primary key. */
export async function sumRollups(db: DatabaseOrTransaction, period: ReportPeriod, business: boolean): Promise<RollupSums> {
  const rows = await db.execute<SumsRow>(sql`
    select ${sums(business)} from report_rollups r
    where r.account_id = ${period.accountId} and ${rollupScope(period.scope)} and r.hour >= ${iso(period.since)} and r.hour < ${iso(period.until)}`);
  return sumsOf([...rows][0]);
}

/**
 * The period's buckets (day, week… on the wall clock of `timezone`, DST included: a bucket is
 * whole local days) with their sums; empty buckets come back as zeros.
 */
export async function sumRollupsByBucket(db: DatabaseOrTransaction, period: ReportPeriod, business: boolean, grouping: ReportGrouping, timezone: string) {
  const unit = sql.raw(`'${grouping}'`);
  const step = sql.raw(`'1 ${grouping}'`);
  const rows = await db.execute<SumsRow & { bucket: number }>(sql`
    with buckets as (
      select b as local_start from generate_series(
        date_trunc(${unit}, ${iso(period.since)}::timestamptz at time zone ${timezone}),
        ${iso(period.until)}::timestamptz at time zone ${timezone} - interval '1 microsecond',
        ${step}::interval) b
    ),
    sums as (
      select date_trunc(${unit}, r.hour at time zone ${timezone}) as local_start, ${sums(business)}
      from report_rollups r
      where r.account_id = ${period.accountId} and ${rollupScope(period.scope)} and r.hour >= ${iso(period.since)} and r.hour < ${iso(period.until)}
      group by 1
    )
    select extract(epoch from (b.local_start at time zone ${timezone}))::bigint as bucket, s.*
    from buckets b left join sums s on s.local_start = b.local_start
    order by b.local_start`);
  return [...rows].map((row) => ({ timestamp: Number(row.bucket), sums: sumsOf(row.conversations === null ? undefined : row) }));
}

const dimensionColumn: Record<EntityDimension, string> = { agent: 'user_id', inbox: 'inbox_id', team: 'team_id', label: 'label_id' };

/** One row of sums per agent / inbox / team / label with anything in the period. */
export async function sumRollupsByEntity(db: DatabaseOrTransaction, input: { accountId: number; since: Date; until: Date }, business: boolean, dimension: EntityDimension) {
  const column = sql.raw(`r.${dimensionColumn[dimension]}`);
  const rows = await db.execute<SumsRow & { entity_id: number }>(sql`
    select ${column} as entity_id, ${sums(business)} from report_rollups r
    where r.account_id = ${input.accountId} and ${dimension === 'label' ? sql`r.label_id <> 0` : sql`r.label_id = 0 and ${column} <> 0`}
      and r.hour >= ${iso(input.since)} and r.hour < ${iso(input.until)}
    group by 1`);
  return new Map([...rows].map((row) => [Number(row.entity_id), sumsOf(row)]));
}

export type Medians = { firstResponse: number | null; replyTime: number | null; resolution: number | null };

/** Medians (seconds) come from the events themselves: a rollup cannot give them. */
export async function medianDurations(db: DatabaseOrTransaction, period: ReportPeriod, business: boolean): Promise<Medians> {
  const value = business ? sql`e.value_in_business_hours` : sql`e.value`;
  const rows = await db.execute<{ first_response: number | null; reply_time: number | null; resolution: number | null }>(sql`
    select
      percentile_cont(0.5) within group (order by ${value}) filter (where e.name = 'first_response') as first_response,
      percentile_cont(0.5) within group (order by ${value}) filter (where e.name = 'reply_time') as reply_time,
      percentile_cont(0.5) within group (order by ${value}) filter (where e.name = 'conversation_resolved') as resolution
    from reporting_events e
    where e.account_id = ${period.accountId} and e.name in ('first_response', 'reply_time', 'conversation_resolved')
      and e.event_end_time >= ${iso(period.since)} and e.event_end_time < ${iso(period.until)} and ${eventScope(period.scope)}`);
  const row = [...rows][0];
  const num = (v: number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return { firstResponse: num(row?.first_response), replyTime: num(row?.reply_time), resolution: num(row?.resolution) };
}

/** Medians per entity of a dimension, in one pass over the period's events. */
export async function medianDurationsByEntity(db: DatabaseOrTransaction, input: { accountId: number; since: Date; until: Date }, business: boolean, dimension: EntityDimension) {
  const value = business ? sql`e.value_in_business_hours` : sql`e.value`;
  const entity = dimension === 'label' ? sql`l.id` : sql.raw(`e.${dimensionColumn[dimension]}`);
  const rows = await db.execute<{ entity_id: number; first_response: number | null; reply_time: number | null; resolution: number | null }>(sql`
    select ${entity} as entity_id,
      percentile_cont(0.5) within group (order by ${value}) filter (where e.name = 'first_response') as first_response,
      percentile_cont(0.5) within group (order by ${value}) filter (where e.name = 'reply_time') as reply_time,
      percentile_cont(0.5) within group (order by ${value}) filter (where e.name = 'conversation_resolved') as resolution
    from reporting_events e ${dimension === 'label' ? sql`cross join lateral unnest(e.label_ids) as l(id)` : sql``}
    where e.account_id = ${input.accountId} and e.name in ('first_response', 'reply_time', 'conversation_resolved')
      and e.event_end_time >= ${iso(input.since)} and e.event_end_time < ${iso(input.until)}
    group by 1`);
  const num = (v: number | null) => (v === null ? null : Number(v));
  return new Map([...rows].map((row) => [Number(row.entity_id), { firstResponse: num(row.first_response), replyTime: num(row.reply_time), resolution: num(row.resolution) } satisfies Medians]));
}

/** The live overview's conversation counts (Chatwoot's /reports/conversations for the account). */
export async function liveConversationCounts(db: DatabaseOrTransaction, accountId: number) {
  const rows = await db.execute<{ open: number; unattended: number; unassigned: number; pending: number }>(sql`
    select
      count(*) filter (where status = 'open')::int as open,
      count(*) filter (where status = 'open' and first_reply_created_at is null)::int as unattended,
      count(*) filter (where status = 'open' and assignee_id is null)::int as unassigned,
      count(*) filter (where status = 'pending')::int as pending
    from conversations where account_id = ${accountId} and status in ('open', 'pending')`);
  const row = [...rows][0];
  return { open: Number(row?.open ?? 0), unattended: Number(row?.unattended ?? 0), unassigned: Number(row?.unassigned ?? 0), pending: Number(row?.pending ?? 0) };
}

/** Every agent of the account with their effective availability and open conversations. */
export async function agentLoads(db: DatabaseOrTransaction, accountId: number) {
  const rows = await db.execute<{ id: number; name: string; availability: 'online' | 'busy' | 'offline'; open: number; unattended: number }>(sql`
    select account_memberships.user_id as id, coalesce(account_memberships.name, u.display_name, u.name) as name, ${effectiveAvailability} as availability,
      (select count(*)::int from conversations c where c.account_id = account_memberships.account_id and c.assignee_id = account_memberships.user_id and c.status = 'open') as open,
      (select count(*)::int from conversations c where c.account_id = account_memberships.account_id and c.assignee_id = account_memberships.user_id and c.status = 'open' and c.first_reply_created_at is null) as unattended
    from ${accountMemberships} join users u on u.id = account_memberships.user_id
    where account_memberships.account_id = ${accountId}
    order by 2, 1`);
  return [...rows].map((row) => ({ id: Number(row.id), name: row.name, availability: row.availability, open: Number(row.open), unattended: Number(row.unattended) }));
}

/** Conversations created per local weekday (0 = Sunday) and hour over a period, from the hourly rollups. */
export async function conversationHeatmap(db: DatabaseOrTransaction, input: { accountId: number; since: Date; until: Date; timezone: string }) {
  const rows = await db.execute<{ day_of_week: number; hour: number; count: number }>(sql`
    select extract(dow from r.hour at time zone ${input.timezone})::int as day_of_week, extract(hour from r.hour at time zone ${input.timezone})::int as hour,
      sum(r.conversations_count)::int as count
    from report_rollups r
    where r.account_id = ${input.accountId} and r.label_id = 0 and r.hour >= ${iso(input.since)} and r.hour < ${iso(input.until)} and r.conversations_count > 0
    group by 1, 2`);
  return [...rows].map((row) => ({ dayOfWeek: Number(row.day_of_week), hour: Number(row.hour), count: Number(row.count) }));
}
