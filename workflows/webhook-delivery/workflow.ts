import { proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import { workflowNow } from '../clock.js';
import { webhookDeliveryProgressQuery, type WebhookActivities, type WebhookDeliveryInput, type WebhookDeliveryResult } from './definitions.js';
import { delayBeforeAttempt } from './schedule.js';

const defaultAttemptTimeoutMs = 2 * 60 * 1000;

/** One event for one endpoint: POSTs it on the retry schedule until a 2xx, a 410, or the schedule ends. */
export async function webhookDeliveryWorkflow(input: WebhookDeliveryInput): Promise<WebhookDeliveryResult> {
  // The activity's bound is the HTTP timeout plus a margin: an attempt on a killed worker is retried
  // that soon. Activity retries cover infrastructure (Postgres down, a killed worker), never the endpoint's answers.
  const { attemptWebhookDelivery, finishWebhookDelivery } = proxyActivities<WebhookActivities>({
    startToCloseTimeout: input.attemptTimeoutMs ?? defaultAttemptTimeoutMs,
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });
  let attempts = 0;
  let nextAttemptAt: string | null = null;
  setHandler(webhookDeliveryProgressQuery, () => ({ attempts, nextAttemptAt }));

  let retryAfterMs: number | undefined;
  for (let index = 0; index < input.retryDelaysMs.length; index += 1) {
    const delay = delayBeforeAttempt(input.retryDelaysMs, index, Math.random(), retryAfterMs);
    if (delay > 0) {
      nextAttemptAt = new Date(workflowNow() + delay).toISOString();
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
