import { defineQuery } from '@temporalio/workflow';

/** The workflow type name, declared once; services start deliveries by it without importing workflow code. */
export const webhookDeliveryWorkflowType = 'webhookDeliveryWorkflow';

/** `webhook-<deliveryId>`; a replay runs as `webhook-<deliveryId>-replay-<n>` beside the first series, keeping its webhook-id. */
export const webhookDeliveryWorkflowId = (deliveryId: number, runNumber = 0) => (runNumber === 0 ? `webhook-${deliveryId}` : `webhook-${deliveryId}-replay-${runNumber}`);

export type WebhookDeliveryInput = {
  deliveryId: number;
  runNumber: number;
  /** Delay before each attempt (the first usually 0), from WEBHOOK_RETRY_DELAYS; each gets ±20% jitter. */
  retryDelaysMs: number[];
  /** How long one attempt's activity may take (WEBHOOK_TIMEOUT plus a margin), so a killed worker's attempt is retried soon. */
  attemptTimeoutMs?: number;
};

/** What one attempt came to, as the activity reports it. */
export type AttemptOutcome =
  | { kind: 'delivered'; statusCode: number }
  /** Worth trying again; `retryAfterMs` when a 429/502/503/504 said how long to wait. */
  | { kind: 'retry'; statusCode: number | null; retryAfterMs?: number }
  /** 410 Gone: the endpoint was disabled at once. */
  | { kind: 'gone' }
  /** The endpoint is off (disabled or deleted) or the delivery is gone: nothing more to send. */
  | { kind: 'stopped' };

export type WebhookDeliveryResult = { status: 'delivered' | 'failed' | 'skipped'; attempts: number };

export type WebhookActivities = {
  attemptWebhookDelivery(input: { deliveryId: number; runNumber: number; attempt: number }): Promise<AttemptOutcome>;
  finishWebhookDelivery(input: { deliveryId: number; status: WebhookDeliveryResult['status'] }): Promise<void>;
};

export const webhookDeliveryProgressQuery = defineQuery<{ attempts: number; nextAttemptAt: string | null }>('webhookDeliveryProgress');
