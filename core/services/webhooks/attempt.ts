import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { finishDelivery, findDelivery, findWebhookById, recordAttempt } from '../../../db/queries/webhooks.js';
import { webhookAttempts, webhooks } from '../../../db/schema/index.js';
import type { WebhookSettings } from '../../settings.js';
import type { AttemptOutcome } from '../../../workflows/webhook-delivery/definitions.js';
import { decryptSecret, signedHeaders } from './secrets.js';
import { postOnce } from './send.js';

/** Answers that say "later" rather than "no": their Retry-After is honoured. */
const slowDownStatuses = new Set([429, 502, 503, 504]);

/**
 * One attempt of a delivery: signs the frozen body with the endpoint's live secrets, POSTs it,
 * records the attempt (once per `<run>:<attempt>` key: an activity retried after a crash finds the
 * row and reports it instead of sending again), and keeps the endpoint's health: a success clears
 * its failing time, a 410 disables it at once, and failing for WEBHOOK_DISABLE_AFTER disables it.
 */
export async function attemptDelivery(deps: { db: Database; webhooks: WebhookSettings }, input: { deliveryId: number; runNumber: number; attempt: number }): Promise<AttemptOutcome> {
  const attemptKey = `${input.runNumber}:${input.attempt}`;
  const delivery = await findDelivery(deps.db, input.deliveryId);
  if (!delivery) return { kind: 'stopped' };
  const [recorded] = await deps.db
    .select()
    .from(webhookAttempts)
    .where(and(eq(webhookAttempts.deliveryId, delivery.id), eq(webhookAttempts.attemptKey, attemptKey)));
  if (recorded) return outcomeOf(recorded.statusCode, undefined);

  const endpoint = await findWebhookById(deps.db, delivery.webhookId);
  if (!endpoint || !endpoint.enabled) return { kind: 'stopped' };

  const now = new Date();
  const secrets = [decryptSecret(deps.webhooks.secretsKey, endpoint.secretCiphertext)];
  if (endpoint.previousSecretCiphertext && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(decryptSecret(deps.webhooks.secretsKey, endpoint.previousSecretCiphertext));
  }
  const body = JSON.stringify(delivery.payload);
  const headers = signedHeaders({ messageId: delivery.messageId, timestampSeconds: Math.floor(now.getTime() / 1000), body, secrets });
  const sent = await postOnce({ url: endpoint.url, headers, body, timeoutMs: deps.webhooks.timeoutMs, policy: { allowedHosts: deps.webhooks.allowedHosts } });

  const outcome = outcomeOf(sent.statusCode, sent.retryAfterMs);
  let disabledNow = false;
  await deps.db.transaction(async (tx) => {
    await recordAttempt(tx, {
      deliveryId: delivery.id,
      attemptKey,
      attemptedAt: now,
      statusCode: sent.statusCode,
      latencyMs: sent.latencyMs,
      responseExcerpt: sent.responseExcerpt,
      error: sent.error ?? null,
    });
    if (outcome.kind === 'delivered') {
      await tx.update(webhooks).set({ failingSince: null }).where(and(eq(webhooks.id, endpoint.id), sql`${webhooks.failingSince} is not null`));
    } else if (outcome.kind === 'gone') {
      await tx.update(webhooks).set({ enabled: false, disabledReason: 'gone', disabledAt: now, updatedAt: now }).where(eq(webhooks.id, endpoint.id));
    } else {
      // Failing since the first failure after the last success; past the limit the endpoint goes off.
      const [health] = await tx
        .update(webhooks)
        .set({ failingSince: sql`coalesce(${webhooks.failingSince}, ${now.toISOString()}::timestamptz)` })
        .where(eq(webhooks.id, endpoint.id))
        .returning({ failingSince: webhooks.failingSince });
      if (health?.failingSince && now.getTime() - health.failingSince.getTime() >= deps.webhooks.disableAfterMs) {
        await tx.update(webhooks).set({ enabled: false, disabledReason: 'failing', disabledAt: now, updatedAt: now }).where(eq(webhooks.id, endpoint.id));
        disabledNow = true;
      }
    }
  });
  return disabledNow ? { kind: 'gone' } : outcome;
}

function outcomeOf(statusCode: number | null, retryAfterMs: number | undefined): AttemptOutcome {
  if (statusCode !== null && statusCode >= 200 && statusCode < 300) return { kind: 'delivered', statusCode };
  if (statusCode === 410) return { kind: 'gone' };
  return { kind: 'retry', statusCode, ...(statusCode !== null && slowDownStatuses.has(statusCode) && retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}

export async function finishDeliveryRecord(deps: { db: Database }, input: { deliveryId: number; status: 'delivered' | 'failed' | 'skipped' }) {
  await finishDelivery(deps.db, { id: input.deliveryId, status: input.status });
}
