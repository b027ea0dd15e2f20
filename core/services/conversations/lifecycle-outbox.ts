import { asc, eq, lt, sql } from 'drizzle-orm';
import type { Client } from '@temporalio/client';
import type { Database } from '../../../db/client.js';
import { conversations, lifecycleOutbox } from '../../../db/schema/index.js';
import { notifyIncomingMessage } from './lifecycle-client.js';

/** Signals the workflow, then forgets the notice; a repeated delivery is harmless (an open conversation ignores it). */
export async function deliverLifecycleNotice(deps: { db: Database; temporal: Client; taskQueue: string }, noticeId: number): Promise<boolean> {
  const [row] = await deps.db
    .select({ notice: lifecycleOutbox, conversation: conversations })
    .from(lifecycleOutbox)
    .innerJoin(conversations, eq(conversations.id, lifecycleOutbox.conversationId))
    .where(eq(lifecycleOutbox.id, noticeId));
  if (!row) return false;
  await notifyIncomingMessage(deps.temporal, deps.taskQueue, row.conversation, row.notice.messageId);
  await deps.db.delete(lifecycleOutbox).where(eq(lifecycleOutbox.id, noticeId));
  return true;
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
