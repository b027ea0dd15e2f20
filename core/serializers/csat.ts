import { z } from '@hono/zod-openapi';
import type { CsatSurveyRow } from '../../db/queries/csat.js';
import { csatSurveyStatuses } from '../../db/schema/index.js';
import { unixSeconds } from './time.js';

export const publicCsatSurveySchema = z
  .object({
    id: z.string().openapi({ description: 'The survey’s public id (the rating link’s uuid)' }),
    status: z.enum(csatSurveyStatuses),
    rating: z.number().int().nullable(),
    feedback_message: z.string().nullable(),
    expires_at: z.number().int().nullable(),
    can_answer: z.boolean(),
  })
  .openapi('PublicCsatSurvey');
export type PublicCsatSurveyJson = z.infer<typeof publicCsatSurveySchema>;

export function serializePublicCsatSurvey(row: CsatSurveyRow, now = new Date()): PublicCsatSurveyJson {
  const open = (row.status === 'sent' || row.status === 'answered') && !!row.expiresAt && row.expiresAt > now;
  return {
    id: row.uuid,
    status: open || row.status !== 'sent' ? row.status : 'expired',
    rating: row.rating,
    feedback_message: row.feedback,
    expires_at: unixSeconds(row.expiresAt),
    can_answer: open,
  };
}

export const csatResponseSchema = z
  .object({
    id: z.number().int(),
    rating: z.number().int(),
    feedback_message: z.string().nullable(),
    account_id: z.number().int(),
    message_id: z.number().int().nullable(),
    conversation_id: z.number().int().openapi({ description: "The conversation's display id" }),
    contact: z.object({ id: z.number().int(), name: z.string(), email: z.string().nullable() }),
    assigned_agent: z.object({ id: z.number().int(), name: z.string(), email: z.string() }).nullable(),
    created_at: z.number().int(),
  })
  .openapi('CsatSurveyResponse');
export type CsatResponseJson = z.infer<typeof csatResponseSchema>;

export const csatMetricsSchema = z
  .object({
    total_count: z.number().int().openapi({ description: 'Responses in the period' }),
    total_sent_messages_count: z.number().int().openapi({ description: 'Surveys sent in the period' }),
    ratings_count: z.record(z.string(), z.number().int()).openapi({ description: 'Responses per rating, "1" to "5"' }),
    satisfaction_score: z.number().openapi({ description: 'Positive (4–5) responses / responses × 100' }),
    response_rate: z.number().openapi({ description: 'Responses / surveys sent × 100' }),
  })
  .openapi('CsatMetrics');
export type CsatMetricsJson = z.infer<typeof csatMetricsSchema>;
