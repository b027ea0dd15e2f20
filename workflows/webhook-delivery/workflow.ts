import { proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import { webhookDeliveryProgressQuery, type WebhookActivities, type WebhookDeliveryInput, type WebhookDeliveryResult } from './definitions.js';
import { delayBeforeAttempt } from './schedule.js';

// An attempt's own HTTP timeout is far shorter (WEBHOOK_TIMEOUT); this only bounds a stuck worker.
// Activity retries cover infrastructure (Postgres down, a killed worker), never the endpoint's answers.
const { attemptWebhookDelivery, finishWebhookDelivery } = proxyActivities<WebhookActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** One event for one endpoint: POSTs it on the retry schedule until a 2xx, a 410, or the schedule ends. */
export async function webhookDeliveryWorkflow(input: WebhookDeliveryInput): Promise<WebhookDeliveryResult> {
  let attempts = 0;
  let nextAttemptAt: string | null = null;
  setHandler(webhookDeliveryProgressQuery, () => ({ attempts, nextAttemptAt }));

  let retryAfterMs: number | undefined;
  for (let index = 0; index < input.retryDelaysMs.length; index += 1) {
    const delay = delayBeforeAttempt(input.retryDelaysMs, index, Math.random(), retryAfterMs);
    if (delay > 0) {
      nextAttemptAt = new Date(Date.now() + delay).toISOString();
      await sleep(delay);
    }
    nextAttemptAt = null;
    attempts += 1;
    const outcome = await attemptWebhookDelivery({ deliveryId: input.deliveryId, runNumber: input.runNumber, attempt: attempts });
    if (outcome.kind === 'delivered') return finish('delivered', attempts);
    if (outcome.kind === 'gone') return finish('failed', attempts);
    if (outcome.kind === 'stopped') return finish('skipped', attempts);
    retryAfterMs = outcome.retryAfterMs;
  }
  return finish('failed', attempts);

  async function finish(status: WebhookDeliveryResult['status'], count: number): Promise<WebhookDeliveryResult> {
    await finishWebhookDelivery({ deliveryId: input.deliveryId, status });
    return { status, attempts: count };
  }
}
