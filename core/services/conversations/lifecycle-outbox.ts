import { asc, eq, lt, sql } from 'drizzle-orm';
import type { Client } from '@temporalio/client';
import type { Database } from '../../../db/client.js';
import { conversations, lifecycleOutbox, messages } from '../../../db/schema/index.js';
import { notifyIncomingMessage } from './lifecycle-client.js';

/**
 * Claims the notice (row lock, skipped by anyone already delivering it: the API and every worker's
 * sweeper may try at once), signals the workflow and deletes the notice in the same transaction. A
 * crash between signal and commit leaves the notice to be delivered again; the workflow acts once
 * per message id. Returns false when the notice is gone or claimed by someone else.
 */
export async function deliverLifecycleNotice(deps: { db: Database; temporal: Client; taskQueue: string }, noticeId: number): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ notice: lifecycleOutbox, conversation: conversations, sentAt: messages.createdAt })
      .from(lifecycleOutbox)
      .innerJoin(conversations, eq(conversations.id, lifecycleOutbox.conversationId))
      .leftJoin(messages, eq(messages.id, lifecycleOutbox.messageId))
      .where(eq(lifecycleOutbox.id, noticeId))
      .for('update', { of: lifecycleOutbox, skipLocked: true });
    if (!row) return false;
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
