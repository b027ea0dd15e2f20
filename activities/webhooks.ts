import type { Database } from '../db/client.js';
import type { WebhookSettings } from '../core/settings.js';
import { attemptDelivery, finishDeliveryRecord } from '../core/services/webhooks/attempt.js';
import type { WebhookActivities } from '../workflows/webhook-delivery/definitions.js';

/** The webhook delivery workflow's activities: one signed attempt, and the delivery's final status. */
export function createWebhookActivities(deps: { db: Database; webhooks: WebhookSettings }): WebhookActivities {
  return {
    attemptWebhookDelivery: (input) => attemptDelivery(deps, input),
    finishWebhookDelivery: (input) => finishDeliveryRecord(deps, input),
  };
}
