import { z } from '@hono/zod-openapi';
import type { WebhookAttemptRow, WebhookDeliveryRow, WebhookRow } from '../../db/queries/webhooks.js';
import { webhookDeliveryStatuses, webhookEvents } from '../../db/schema/index.js';
import { unixSeconds } from './time.js';

export const webhookSchema = z
  .object({
    id: z.number().int(),
    account_id: z.number().int(),
    name: z.string().nullable(),
    url: z.string(),
    subscriptions: z.array(z.enum(webhookEvents)),
    inbox: z.object({ id: z.number().int(), name: z.string() }).nullable().openapi({ description: "Chatwoot's inbox filter; Parley's account webhooks take every inbox" }),
    enabled: z.boolean(),
    disabled_reason: z.enum(['gone', 'failing', 'manual']).nullable().openapi({ description: 'gone: answered 410; failing: every delivery failed for WEBHOOK_DISABLE_AFTER; manual: switched off' }),
    disabled_at: z.number().int().nullable(),
    failing_since: z.number().int().nullable(),
    secret: z.string().openapi({ description: 'The Standard Webhooks signing secret (whsec_…); Chatwoot-style X-Chatwoot-Signature uses the same string' }),
    previous_secret_expires_at: z.number().int().nullable().openapi({ description: 'Until then the previous secret signs too (after a rotation)' }),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi('Webhook');
export type WebhookJson = z.infer<typeof webhookSchema>;

export function serializeWebhook(row: WebhookRow, secret: string, now = new Date()): WebhookJson {
  const overlap = row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt : null;
  return {
    id: row.id,
    account_id: row.accountId,
    name: row.name,
    url: row.url,
    subscriptions: row.subscriptions,
    inbox: null,
    enabled: row.enabled,
    disabled_reason: row.enabled ? null : ((row.disabledReason as WebhookJson['disabled_reason']) ?? 'manual'),
    disabled_at: row.enabled ? null : unixSeconds(row.disabledAt),
    failing_since: unixSeconds(row.failingSince),
    secret,
    previous_secret_expires_at: unixSeconds(overlap),
    created_at: unixSeconds(row.createdAt)!,
    updated_at: unixSeconds(row.updatedAt)!,
  };
}

export const webhookAttemptSchema = z
  .object({
    id: z.number().int(),
    attempted_at: z.string().openapi({ format: 'date-time' }),
    status_code: z.number().int().nullable(),
    latency_ms: z.number().int(),
    response_excerpt: z.string(),
    error: z.string().nullable(),
  })
  .openapi('WebhookAttempt');

export const webhookDeliverySchema = z
  .object({
    id: z.number().int(),
    webhook_id: z.number().int(),
    webhook_message_id: z.string().openapi({ description: 'The webhook-id header (also X-Chatwoot-Delivery), the same on every retry and replay' }),
    event: z.enum(webhookEvents),
    status: z.enum(webhookDeliveryStatuses),
    attempt_count: z.number().int(),
    last_status_code: z.number().int().nullable(),
    replays: z.number().int(),
    payload: z.record(z.string(), z.unknown()),
    attempts: z.array(webhookAttemptSchema),
    created_at: z.string().openapi({ format: 'date-time' }),
    finished_at: z.string().nullable().openapi({ format: 'date-time' }),
  })
  .openapi('WebhookDelivery');
export type WebhookDeliveryJson = z.infer<typeof webhookDeliverySchema>;

export function serializeDelivery(row: WebhookDeliveryRow, attempts: WebhookAttemptRow[]): WebhookDeliveryJson {
  return {
    id: row.id,
    webhook_id: row.webhookId,
    webhook_message_id: row.messageId,
    event: row.event,
    status: row.status,
    attempt_count: row.attemptCount,
    last_status_code: row.lastStatusCode,
    replays: row.runNumber,
    payload: row.payload as Record<string, unknown>,
    attempts: attempts.map((attempt) => ({
      id: attempt.id,
      attempted_at: attempt.attemptedAt.toISOString(),
      status_code: attempt.statusCode,
      latency_ms: attempt.latencyMs,
      response_excerpt: attempt.responseExcerpt,
      error: attempt.error,
    })),
    created_at: row.createdAt.toISOString(),
    finished_at: row.finishedAt?.toISOString() ?? null,
  };
}
