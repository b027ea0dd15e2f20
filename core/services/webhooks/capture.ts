import type { DatabaseOrTransaction } from '../../../db/client.js';
import { insertWebhookOutboxEvent, setWebhookOutboxPayload } from '../../../db/queries/webhooks.js';
import type { WebhookEvent, WebhookEventSubject } from '../../../db/schema/index.js';
import { buildWebhookPayload } from './payloads.js';

export type CapturedChange = { event: WebhookEvent; subject: WebhookEventSubject };

/**
 * Captures webhook events in the caller's transaction (the change and its events commit together;
 * nothing is written when no endpoint subscribes). Returns the outbox ids to drain after commit.
 */
export async function captureWebhookEvents(tx: DatabaseOrTransaction, accountId: number, changes: CapturedChange[]): Promise<number[]> {
  const ids: number[] = [];
  for (const change of changes) {
    const id = await insertWebhookOutboxEvent(tx, { accountId, event: change.event, subject: change.subject });
    if (id === null) continue;
    // Built now, inside the change's transaction: a contact renamed a moment later must not rewrite what contact_created said.
    const payload = await buildWebhookPayload(tx, { accountId, ...change });
    if (payload) await setWebhookOutboxPayload(tx, { id, payload });
    ids.push(id);
  }
  return ids;
}

/** The changed attributes of a row, Chatwoot's `{ name: { previous_value, current_value } }`, for the fields that differ. */
export function changedAttributes(before: Record<string, unknown>, after: Record<string, unknown>, names: Record<string, string>) {
  const changes: Record<string, { previous_value: unknown; current_value: unknown }> = {};
  for (const [key, name] of Object.entries(names)) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) changes[name] = { previous_value: before[key] ?? null, current_value: after[key] ?? null };
  }
  return changes;
}
