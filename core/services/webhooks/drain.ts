import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Database, DatabaseOrTransaction } from '../../../db/client.js';
import {
  claimWebhookOutboxEvent,
  deleteWebhookOutboxEvent,
  insertDeliveries,
  listStaleWebhookOutboxIds,
  listSubscribedEndpoints,
  listUnstartedDeliveries,
  markDeliveriesStarted,
  type WebhookDeliveryRow,
  type WebhookRow,
} from '../../../db/queries/webhooks.js';
import type { WebhookEvent, WebhookEventSubject } from '../../../db/schema/index.js';
import { readWebhookSettings, type WebhookSettings } from '../../settings.js';
import { webhookDeliveryWorkflowId, webhookDeliveryWorkflowType, type WebhookDeliveryInput } from '../../../workflows/webhook-delivery/definitions.js';
import { temporalCallDeadlineMs } from '../conversations/lifecycle-client.js';
import { buildWebhookPayload, type WebhookPayload } from './payloads.js';

export type WebhookDrainDeps = { db: Database; temporal: Client; taskQueue: string; webhooks?: WebhookSettings };

const settingsOf = (deps: { webhooks?: WebhookSettings }) => deps.webhooks ?? readWebhookSettings({});

/** The `webhook-id` of a new delivery (Standard Webhooks' `msg_` form), kept by every retry and replay. */
const newMessageId = () => `msg_${randomUUID().replaceAll('-', '')}`;

const apiCallbackSourceKey = (messageId: number) => `api-callback:${messageId}`;

/** Which endpoints an event goes to: an API inbox's callback takes only agents' public replies; account webhooks everything they subscribe to. */
function takesEvent(endpoint: WebhookRow, subject: WebhookEventSubject, payload: WebhookPayload): boolean {
  if (endpoint.kind === 'api_inbox') return payload.event === 'message_created' && payload.message_type === 'outgoing' && payload.private === false;
  return !subject.apiInboxCallbackOnly;
}

/**
 * Turns one captured event into one delivery per endpoint (claimed under a row lock, skipped by
 * anyone already draining it; deliveries and the outbox row's delete commit together), then
 * starts their workflows. A crash after the commit leaves deliveries with no workflow yet, which
 * the sweeper starts; the workflow id (`webhook-<deliveryId>`) makes a second start a no-op.
 */
export async function drainWebhookEvent(deps: WebhookDrainDeps, outboxId: number): Promise<number> {
  const created = await deps.db.transaction(async (tx) => {
    const row = await claimWebhookOutboxEvent(tx, outboxId);
    if (!row) return [];
    const deliveries = await createDeliveries(tx, { accountId: row.accountId, event: row.event, subject: row.subject, sourceKey: `outbox:${row.id}` });
    await deleteWebhookOutboxEvent(tx, row.id);
    return deliveries;
  });
  await startDeliveryWorkflows(deps, created);
  return created.length;
}

/** Drains events after their change committed, without holding up the caller; the sweeper covers a failure. */
export function drainWebhookEventsSoon(deps: WebhookDrainDeps, outboxIds: number[]) {
  for (const id of outboxIds) {
    drainWebhookEvent(deps, id).catch((error) =>
      console.warn(`[webhooks] event ${id} left to the sweeper: ${(error as Error).message}${(error as Error).cause ? ` (${((error as Error).cause as Error).message})` : ''}`),
    );
  }
}

async function createDeliveries(
  tx: DatabaseOrTransaction,
  event: { accountId: number; event: WebhookEvent; subject: WebhookEventSubject; sourceKey: string },
): Promise<WebhookDeliveryRow[]> {
  const endpoints = await listSubscribedEndpoints(tx, { accountId: event.accountId, event: event.event, inboxId: event.subject.inboxId ?? null });
  if (endpoints.length === 0) return [];
  const payload = (event.subject.payload as WebhookPayload | undefined) ?? (await buildWebhookPayload(tx, event));
  if (!payload) return [];
  const now = new Date();
  return insertDeliveries(
    tx,
    endpoints
      .filter((endpoint) => takesEvent(endpoint, event.subject, payload))
      .map((endpoint) => ({
        accountId: event.accountId,
        webhookId: endpoint.id,
        messageId: newMessageId(),
        // An API inbox's callback is keyed by the message, whichever path (outbox or outbound send) got here first.
        sourceKey: endpoint.kind === 'api_inbox' ? apiCallbackSourceKey(event.subject.messageId!) : event.sourceKey,
        event: event.event,
        payload,
        // An endpoint that is off records what it misses, for a replay when it is switched back on.
        status: endpoint.enabled ? ('pending' as const) : ('skipped' as const),
        finishedAt: endpoint.enabled ? null : now,
      })),
  );
}

/**
 * The API channel's callback: an agent's reply in an API inbox goes to the inbox's webhook_url,
 * signed and retried like any webhook. Idempotent per message (a repeated call adds nothing), so
 * the outbound message workflow may call it from an activity. Returns the deliveries it started.
 */
export async function deliverToApiInboxCallback(deps: WebhookDrainDeps, message: { accountId: number; conversationId: number; inboxId: number; id: number }): Promise<number> {
  const created = await deps.db.transaction((tx) =>
    createDeliveries(tx, {
      accountId: message.accountId,
      event: 'message_created',
      subject: { conversationId: message.conversationId, messageId: message.id, inboxId: message.inboxId, apiInboxCallbackOnly: true },
      sourceKey: apiCallbackSourceKey(message.id),
    }),
  );
  await startDeliveryWorkflows(deps, created);
  return created.length;
}

/** Starts each pending delivery's workflow (a few at a time); one already started is left alone. */
export async function startDeliveryWorkflows(deps: WebhookDrainDeps, deliveries: WebhookDeliveryRow[]) {
  const pending = deliveries.filter((delivery) => delivery.status === 'pending');
  const { retryDelaysMs, timeoutMs } = settingsOf(deps);
  const attemptTimeoutMs = timeoutMs + 10_000;
  const started: number[] = [];
  const queue = [...pending];
  const startNext = async (): Promise<void> => {
    const delivery = queue.shift();
    if (!delivery) return;
    const input: WebhookDeliveryInput = { deliveryId: delivery.id, runNumber: delivery.runNumber, retryDelaysMs, attemptTimeoutMs };
    try {
      // Bounded like every call into Temporal: an unreachable server leaves the delivery to the sweeper.
      await deps.temporal.withDeadline(Date.now() + temporalCallDeadlineMs, () =>
        deps.temporal.workflow.start(webhookDeliveryWorkflowType, {
          workflowId: webhookDeliveryWorkflowId(delivery.id, delivery.runNumber),
          taskQueue: deps.taskQueue,
          args: [input],
          // A completed series must not run again under the same id: a replay has its own run number.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    started.push(delivery.id);
    return startNext();
  };
  try {
    await Promise.all(Array.from({ length: Math.min(16, pending.length) }, startNext));
  } finally {
    await markDeliveriesStarted(deps.db, started);
  }
}

/** The worker's sweep: events a crash or an outage left in the outbox, and deliveries whose workflow never started. */
export async function sweepWebhooks(deps: WebhookDrainDeps, options: { olderThanMs: number; limit: number } = { olderThanMs: 5_000, limit: 500 }) {
  let events = 0;
  for (const id of await listStaleWebhookOutboxIds(deps.db, options)) {
    await drainWebhookEvent(deps, id);
    events += 1;
  }
  const unstarted = await listUnstartedDeliveries(deps.db, options);
  await startDeliveryWorkflows(deps, unstarted);
  return { events, deliveries: unstarted.length };
}

/** The drain's dependencies from the API's or a service's. */
export const webhookDrainDeps = (deps: { db: Database; temporal: Client; config: { taskQueue: string; webhooks?: WebhookSettings } }): WebhookDrainDeps => ({
  db: deps.db,
  temporal: deps.temporal,
  taskQueue: deps.config.taskQueue,
  webhooks: deps.config.webhooks,
});
