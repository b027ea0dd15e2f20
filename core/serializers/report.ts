import { z } from '@hono/zod-openapi';
import type { Medians, RollupSums } from '../../db/queries/reports.js';

/** Chatwoot's v2 report metrics (the `metric` of the time series). */
export const reportMetrics = ['conversations_count', 'incoming_messages_count', 'outgoing_messages_count', 'avg_first_response_time', 'avg_resolution_time', 'reply_time', 'resolutions_count'] as const;
export type ReportMetric = (typeof reportMetrics)[number];

const seconds = (ms: number, count: number) => (count === 0 ? 0 : ms / count / 1000);

/** A metric's value in a bucket (averages in seconds) and, for averages, how many events it averages. */
export function metricValue(metric: ReportMetric, sums: RollupSums): { value: number; count?: number } {
  switch (metric) {
    case 'conversations_count':
      return { value: sums.conversations };
    case 'incoming_messages_count':
      return { value: sums.incoming };
    case 'outgoing_messages_count':
      return { value: sums.outgoing };
    case 'resolutions_count':
      return { value: sums.resolutions };
    case 'avg_first_response_time':
      return { value: seconds(sums.firstResponseMs, sums.firstResponseCount), count: sums.firstResponseCount };
    case 'avg_resolution_time':
      return { value: seconds(sums.resolutionMs, sums.resolutions), count: sums.resolutions };
    case 'reply_time':
      return { value: seconds(sums.replyTimeMs, sums.replyTimeCount), count: sums.replyTimeCount };
  }
}

export const reportPointSchema = z
  .object({
    value: z.number().openapi({ description: 'Count, or the average in seconds for time metrics' }),
    timestamp: z.number().int().openapi({ description: 'Start of the bucket, Unix seconds' }),
    count: z.number().int().optional().openapi({ description: 'Time metrics: how many events the average is over' }),
  })
  .openapi('ReportPoint');

const summaryFields = {
  conversations_count: z.number().int(),
  incoming_messages_count: z.number().int(),
  outgoing_messages_count: z.number().int(),
  avg_first_response_time: z.number().openapi({ description: 'Seconds (0 without any)' }),
  avg_resolution_time: z.number(),
  resolutions_count: z.number().int(),
  reply_time: z.number().openapi({ description: 'Average customer waiting time per wait, seconds' }),
  median_first_response_time: z.number().nullable().openapi({ description: 'Parley: median, seconds (null without any)' }),
  median_resolution_time: z.number().nullable(),
  median_reply_time: z.number().nullable(),
};
export const reportSummaryPeriodSchema = z.object(summaryFields).openapi('ReportSummaryPeriod');
export const reportSummarySchema = z.object({ ...summaryFields, previous: reportSummaryPeriodSchema.openapi({ description: 'The same figures for the period just before' }) }).openapi('ReportSummary');
export type ReportSummaryPeriodJson = z.infer<typeof reportSummaryPeriodSchema>;

export function serializeSummaryPeriod(sums: RollupSums, medians: Medians): ReportSummaryPeriodJson {
  return {
    conversations_count: sums.conversations,
    incoming_messages_count: sums.incoming,
    outgoing_messages_count: sums.outgoing,
    avg_first_response_time: seconds(sums.firstResponseMs, sums.firstResponseCount),
    avg_resolution_time: seconds(sums.resolutionMs, sums.resolutions),
    resolutions_count: sums.resolutions,
    reply_time: seconds(sums.replyTimeMs, sums.replyTimeCount),
    median_first_response_time: medians.firstResponse,
    median_resolution_time: medians.resolution,
    median_reply_time: medians.replyTime,
  };
}

export const entitySummarySchema = z
  .object({
    id: z.number().int(),
    name: z.string().openapi({ description: 'Parley: the agent, inbox, team or label name' }),
    conversations_count: z.number().int(),
    resolved_conversations_count: z.number().int(),
    avg_resolution_time: z.number().nullable(),
    avg_first_response_time: z.number().nullable(),
    avg_reply_time: z.number().nullable(),
    incoming_messages_count: z.number().int(),
    outgoing_messages_count: z.number().int(),
    median_first_response_time: z.number().nullable(),
    median_resolution_time: z.number().nullable(),
    median_reply_time: z.number().nullable(),
  })
  .openapi('ReportEntitySummary');
export type EntitySummaryJson = z.infer<typeof entitySummarySchema>;

const average = (ms: number, count: number) => (count === 0 ? null : ms / count / 1000);
export function serializeEntitySummary(entity: { id: number; name: string }, sums: RollupSums, medians: Medians | undefined): EntitySummaryJson {
  return {
    id: entity.id,
    name: entity.name,
    conversations_count: sums.conversations,
    resolved_conversations_count: sums.resolutions,
    avg_resolution_time: average(sums.resolutionMs, sums.resolutions),
    avg_first_response_time: average(sums.firstResponseMs, sums.firstResponseCount),
    avg_reply_time: average(sums.replyTimeMs, sums.replyTimeCount),
    incoming_messages_count: sums.incoming,
    outgoing_messages_count: sums.outgoing,
    median_first_response_time: medians?.firstResponse ?? null,
    median_resolution_time: medians?.resolution ?? null,
    median_reply_time: medians?.replyTime ?? null,
  };
}

export const conversationCountsSchema = z
  .object({ open: z.number().int(), unattended: z.number().int(), unassigned: z.number().int(), pending: z.number().int() })
  .openapi('ReportConversationCounts');

export const reportOverviewSchema = z
  .object({
    conversations: conversationCountsSchema,
    agents_status: z.object({ online: z.number().int(), busy: z.number().int(), offline: z.number().int() }),
    agents: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        availability: z.enum(['online', 'busy', 'offline']),
        open: z.number().int(),
        unattended: z.number().int(),
        capacity: z.number().int().nullable().openapi({ description: 'Open conversations the router gives them at most (the account limit); null: no limit' }),
      }),
    ),
    heatmap: z.array(z.object({ day_of_week: z.number().int().openapi({ description: '0 = Sunday' }), hour: z.number().int(), count: z.number().int() })).openapi({
      description: 'Conversations created in the last 7 days per weekday and hour in the requested time zone; cells without any are left out',
    }),
    timezone: z.string(),
  })
  .openapi('ReportOverview');
export type ReportOverviewJson = z.infer<typeof reportOverviewSchema>;
