import { asc, eq, lt, sql } from 'drizzle-orm';
import type { Client } from '@temporalio/client';
import type { Database } from '../../../db/client.js';
import { conversations, lifecycleOutbox, messages } from '../../../db/schema/index.js';
import { notifyIncomingMessage } from './lifecycle-client.js';
import { startOutboundDelivery } from '../messages/outbound.js';
import { loadScheduledForNotice, startScheduledMessage } from '../messages/scheduled.js';

/**
 * Claims the notice (row lock, skipped by anyone already delivering it: the API and every worker's
 * sweeper may try at once), hands it to Temporal — signals the conversation's lifecycle, or starts
 * the message's outbound delivery — and deletes the notice in the same transaction. A crash between
 * the two leaves the notice to be delivered again; the lifecycle acts once per message id and the
 * delivery sends only a message still on its way. Returns false when the notice is gone or claimed.
 */
export async function deliverLifecycleNotice(deps: { db: Database; temporal: Client; taskQueue: string }, noticeId: number): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ notice: lifecycleOutbox, conversation: conversations, sentAt: messages.createdAt, sendAfter: messages.sendAfter })
      .from(lifecycleOutbox)
      .innerJoin(conversations, eq(conversations.id, lifecycleOutbox.conversationId))
      .leftJoin(messages, eq(messages.id, lifecycleOutbox.messageId))
      .where(eq(lifecycleOutbox.id, noticeId))
      .for('update', { of: lifecycleOutbox, skipLocked: true });
    if (!row) return false;
    if (row.notice.kind === 'scheduled_message') {
      const scheduled = row.notice.scheduledMessageId ? await loadScheduledForNotice(tx, row.notice.scheduledMessageId) : undefined;
      if (scheduled?.status === 'pending') await startScheduledMessage(deps.temporal, deps.taskQueue, scheduled);
      await tx.delete(lifecycleOutbox).where(eq(lifecycleOutbox.id, noticeId));
      return true;
    }
    if (row.notice.kind === 'outbound_message') {
      // A message deleted before its delivery started has nothing left to send.
      if (row.sentAt) await startOutboundDelivery(deps.temporal, deps.taskQueue, { id: row.notice.messageId, accountId: row.conversation.accountId, sendAfter: row.sendAfter });
      await tx.delete(lifecycleOutbox).where(eq(lifecycleOutbox.id, noticeId));
      return true;
    }
    await notifyIncomingMessage(deps.temporal, deps.taskQueue, row.conversation, {
      messageId: row.notice.messageId,
      ...(row.sentAt ? { sentAt: row.sentAt.toISOString() } : {}),
    });
    await tx.delete(lifecycleOutbox).where(eq(lifecycleOutbox.id, noticeId));
    return true;
  });
}

/** Delivers notices the API left behind (it died, or Temporal was down); returns how many it delivered. */
export async function sweepLifecycleOutbox(
  deps: { db: Database; temporal: Client; taskQueue: string },
  options: { olderThanMs: number; limit: number } = { olderThanMs: 15_000, limit: 200 },
): Promise<number> {
  const stale = await deps.db
    .select({ id: lifecycleOutbox.id })
    .from(lifecycleOutbox)
    .where(lt(lifecycleOutbox.createdAt, sql`now() - make_interval(secs => ${options.olderThanMs / 1000})`))
    .orderBy(asc(lifecycleOutbox.createdAt))
    .limit(options.limit);
  let delivered = 0;
  for (const { id } of stale) if (await deliverLifecycleNotice(deps, id)) delivered += 1;
  return delivered;
}
