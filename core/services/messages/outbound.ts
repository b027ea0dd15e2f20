import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import { loadMessagesByIds, updateMessageDelivery, type MessageRow } from '../../../db/queries/messages.js';
import { lifecycleOutbox, messages } from '../../../db/schema/index.js';
import { messageInterruptedSignal, outboundMessageWorkflowType, outboundWorkflowId, type OutboundMessageInput } from '../../../workflows/outbound/definitions.js';
import type { ServiceContext } from '../../context.js';
import { conflict, notFound } from '../../errors.js';
import { serializeMessageWithRelations } from '../../serializers/conversation.js';
import { findVisibleConversation } from '../conversations/access.js';
import { deliverLifecycleNotice } from '../conversations/lifecycle-outbox.js';
import { temporalCallDeadlineMs } from '../conversations/lifecycle-client.js';
import { syncConversationReporting } from '../reports/sync.js';
import { drainWebhookEventsSoon, webhookDrainDeps } from '../webhooks/drain.js';

/**
 * Starts the message's `outbound-<messageId>` workflow. Called by whoever delivers its outbox notice
 * (the API right after the message's commit, or the worker's sweeper later), maybe more than once:
 * a running workflow is kept, and a new run after a finished one changes nothing, because the
 * delivery claims the message in Postgres and only a message still on its way is ever sent.
 */
export async function startOutboundDelivery(temporal: Client, taskQueue: string, message: Pick<MessageRow, 'id' | 'accountId' | 'sendAfter'>): Promise<void> {
  const input: OutboundMessageInput = { accountId: message.accountId, messageId: message.id, sendAfter: message.sendAfter?.toISOString() ?? null };
  try {
    await temporal.withDeadline(Date.now() + temporalCallDeadlineMs, () =>
      temporal.workflow.start(outboundMessageWorkflowType, {
        workflowId: outboundWorkflowId(message.id),
        taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      }),
    );
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

async function findConversationMessage(ctx: ServiceContext, displayId: number, messageId: number) {
  const { conversation } = await findVisibleConversation(ctx, displayId);
  const [row] = await ctx.db
    .select({ id: messages.id, status: messages.status })
    .from(messages)
    .where(and(eq(messages.accountId, ctx.actor.accountId), eq(messages.conversationId, conversation.id), eq(messages.id, messageId), eq(messages.messageType, 'outgoing')))
    .limit(1);
  if (!row) throw notFound('Message');
  return { conversation, message: row };
}

async function messageJson(ctx: ServiceContext, messageId: number, displayId: number) {
  const [loaded] = await loadMessagesByIds(ctx.db, { accountId: ctx.actor.accountId, ids: [messageId] });
  if (!loaded) throw notFound('Message');
  return serializeMessageWithRelations(loaded, displayId);
}

/**
 * Stops an outgoing message still in its send-interruption window: it is never sent, and its text
 * goes back to the agent's composer (the answer carries it). Decided by one conditional write in
 * Postgres, the same row the delivery claims when the window ends, so exactly one of them wins;
 * the workflow is then woken to finish early (best effort: left alone it finds the message
 * interrupted when its window ends and sends nothing).
 */
export async function interruptOutgoingMessage(ctx: ServiceContext, input: { displayId: number; messageId: number }) {
  const { conversation, message } = await findConversationMessage(ctx, input.displayId, input.messageId);
  // The reply that never went out leaves the reports with the same commit.
  const interrupted = await ctx.db.transaction(async (tx) => {
    const stopped = await updateMessageDelivery(tx, { accountId: ctx.actor.accountId, messageId: message.id, from: ['scheduled'] }, { status: 'interrupted' });
    if (stopped) await syncConversationReporting(tx, stopped.conversationId);
    return stopped;
  });
  if (!interrupted) {
    const [current] = await ctx.db.select({ status: messages.status }).from(messages).where(eq(messages.id, message.id));
    if (current?.status !== 'interrupted') throw conflict(`The message can no longer be interrupted: it is ${current?.status === 'queued' ? 'being sent' : (current?.status ?? 'gone')}`, 'status');
  } else {
    await ctx.temporal.workflow
      .getHandle(outboundWorkflowId(message.id))
      .signal(messageInterruptedSignal)
      .catch((error: unknown) => {
        if (!(error instanceof WorkflowNotFoundError)) console.warn(`[outbound] could not wake the workflow of interrupted message ${message.id}: ${(error as Error).message}`);
      });
  }
  return messageJson(ctx, message.id, conversation.displayId);
}

/**
 * Sends a failed message again: back to `queued` with its delivery notice in the outbox (one
 * transaction), then handed to Temporal like a new message, so a crash here loses nothing.
 */
export async function retryOutgoingMessage(ctx: ServiceContext, input: { displayId: number; messageId: number }) {
  const { conversation, message } = await findConversationMessage(ctx, input.displayId, input.messageId);
  const { noticeId, webhookEventId } = await ctx.db.transaction(async (tx) => {
    const queued = await updateMessageDelivery(tx, { accountId: ctx.actor.accountId, messageId: message.id, from: ['failed'] }, { status: 'queued', externalError: null });
    if (!queued) throw conflict('Only a failed message can be retried', 'status');
    const [notice] = await tx.insert(lifecycleOutbox).values({ conversationId: conversation.id, messageId: message.id, kind: 'outbound_message' }).returning({ id: lifecycleOutbox.id });
    return { noticeId: notice.id, webhookEventId: queued.webhookEventId };
  });
  // Integrators see the message leave `failed` (message_updated, captured with the change).
  if (webhookEventId !== null) drainWebhookEventsSoon(webhookDrainDeps(ctx), [webhookEventId]);
  await handOverNotice(ctx, noticeId, message.id);
  return messageJson(ctx, message.id, conversation.displayId);
}

/** Hands a freshly stored notice to Temporal; when that fails the sweeper does it shortly, so the caller still succeeds. */
export async function handOverNotice(ctx: Pick<ServiceContext, 'db' | 'temporal'> & { config: { taskQueue: string } }, noticeId: number, messageId: number) {
  try {
    await deliverLifecycleNotice({ db: ctx.db, temporal: ctx.temporal, taskQueue: ctx.config.taskQueue }, noticeId);
  } catch (error) {
    console.warn(`[outbox] notice for message ${messageId} deferred to the sweeper: ${(error as Error).message}`);
  }
}
