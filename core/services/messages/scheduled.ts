import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { and, asc, eq } from 'drizzle-orm';
import type { Database, DatabaseOrTransaction } from '../../../db/client.js';
import { findConversationById, type ConversationRow } from '../../../db/queries/conversations.js';
import { findInbox } from '../../../db/queries/inboxes.js';
import { lifecycleOutbox, scheduledMessages, users } from '../../../db/schema/index.js';
import { scheduleChangedSignal, scheduledMessageWorkflowType, scheduledWorkflowId, type FireOutcome, type ScheduledMessageInput } from '../../../workflows/scheduled/definitions.js';
import type { ServiceContext } from '../../context.js';
import { outboundDeliveryFor } from '../../domain/outbound.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { unixSeconds } from '../../serializers/time.js';
import type { BlobStore } from '../../storage/index.js';
import { discardUploads } from '../attachments/receive.js';
import { findVisibleConversation } from '../conversations/access.js';
import { handOverNotice } from './outbound.js';
import { temporalCallDeadlineMs } from '../conversations/lifecycle-client.js';
import { prepareMessageBody, type IncomingFile } from './create.js';
import { recordMessage } from './record.js';

type ScheduledRow = typeof scheduledMessages.$inferSelect;

export type ScheduledMessageJson = {
  id: number;
  conversation_id: number;
  content: string | null;
  send_at: number;
  status: ScheduledRow['status'];
  author_id: number | null;
  message_id: number | null;
  attachments: Array<{ file_name: string; content_type: string; file_size: number }>;
  created_at: number;
};

const serializeScheduled = (row: ScheduledRow, displayId: number): ScheduledMessageJson => ({
  id: row.id,
  conversation_id: displayId,
  content: row.content,
  send_at: unixSeconds(row.sendAt)!,
  status: row.status,
  author_id: row.authorId,
  message_id: row.messageId,
  attachments: row.files.map((file) => ({ file_name: file.fileName, content_type: file.contentType, file_size: file.byteSize })),
  created_at: unixSeconds(row.createdAt)!,
});

const utcMinute = (date: Date) => `${date.toISOString().replace('T', ' ').slice(0, 16)} UTC`;

async function actorName(db: DatabaseOrTransaction, userId: number) {
  const [row] = await db.select({ name: users.name, displayName: users.displayName }).from(users).where(eq(users.id, userId));
  return row?.displayName || row?.name || 'an agent';
}

/** A system message in the conversation (created, cancelled, sent), written with the change it reports. */
async function recordScheduleActivity(db: DatabaseOrTransaction, conversation: ConversationRow, content: string) {
  const stored = await recordMessage(db, { conversation, messageType: 'activity', content, sender: null });
  return stored.id;
}

function checkSendAt(sendAt: Date) {
  if (Number.isNaN(sendAt.getTime())) throw invalid('send_at', 'send_at must be a time');
  if (sendAt.getTime() <= Date.now()) throw invalid('send_at', 'send_at must be in the future');
}

/**
 * Schedules a message (text and/or files already in the blob store) for a time. The row, its
 * "scheduled" system message and the notice that starts `scheduled-<id>` are one transaction, so a
 * message scheduled while Temporal is down still fires (the worker's sweeper starts it).
 */
export async function createScheduledMessage(ctx: ServiceContext, input: { displayId: number; content?: string | null; sendAt?: Date; files?: IncomingFile[] }) {
  const { conversation } = await findVisibleConversation(ctx, input.displayId);
  if (!input.sendAt) throw invalid('send_at', 'send_at is required: when to send the message');
  const sendAt = input.sendAt;
  checkSendAt(sendAt);
  const body = prepareMessageBody(input);
  const { row, noticeId, activityId } = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(scheduledMessages)
      .values({ accountId: ctx.actor.accountId, conversationId: conversation.id, authorId: ctx.actor.userId, content: body.content, files: body.files, sendAt })
      .returning();
    const activityId = await recordScheduleActivity(tx, conversation, `${await actorName(tx, ctx.actor.userId)} scheduled a message for ${utcMinute(sendAt)}`);
    const [notice] = await tx
      .insert(lifecycleOutbox)
      .values({ conversationId: conversation.id, messageId: activityId, kind: 'scheduled_message', scheduledMessageId: row.id })
      .returning({ id: lifecycleOutbox.id });
    return { row, noticeId: notice.id, activityId };
  });
  await handOverNotice(ctx, noticeId, activityId);
  return serializeScheduled(row, conversation.displayId);
}

/** Starts `scheduled-<id>` (from its outbox notice); a running one is kept. */
export async function startScheduledMessage(temporal: Client, taskQueue: string, row: Pick<ScheduledRow, 'id' | 'accountId' | 'sendAt'>) {
  const input: ScheduledMessageInput = { accountId: row.accountId, scheduledMessageId: row.id, sendAt: row.sendAt.toISOString() };
  await temporal.withDeadline(Date.now() + temporalCallDeadlineMs, () =>
    temporal.workflow.start(scheduledMessageWorkflowType, { workflowId: scheduledWorkflowId(row.id), taskQueue, args: [input], workflowIdConflictPolicy: 'USE_EXISTING' }),
  );
}

export async function loadScheduledForNotice(db: DatabaseOrTransaction, id: number) {
  const [row] = await db.select().from(scheduledMessages).where(eq(scheduledMessages.id, id));
  return row;
}

/** The conversation's scheduled messages, soonest first (sent and cancelled ones too, for the record). */
export async function listScheduledMessages(ctx: ServiceContext, displayId: number) {
  const { conversation } = await findVisibleConversation(ctx, displayId);
  const rows = await ctx.db
    .select()
    .from(scheduledMessages)
    .where(and(eq(scheduledMessages.accountId, ctx.actor.accountId), eq(scheduledMessages.conversationId, conversation.id)))
    .orderBy(asc(scheduledMessages.sendAt), asc(scheduledMessages.id));
  return rows.map((row) => serializeScheduled(row, conversation.displayId));
}

/** Wakes the workflow after an edit or cancel; a lost wake-up is harmless (the firing activity re-reads the row). */
async function wakeSchedule(temporal: Client, id: number, sendAt: Date | null) {
  await temporal.workflow
    .getHandle(scheduledWorkflowId(id))
    .signal(scheduleChangedSignal, { sendAt: sendAt?.toISOString() ?? null })
    .catch((error: unknown) => {
      if (!(error instanceof WorkflowNotFoundError)) console.warn(`[scheduled] could not wake scheduled-${id}: ${(error as Error).message}`);
    });
}

/** Changes a pending scheduled message's text or time, under its row lock (firing takes the same lock). */
export async function updateScheduledMessage(ctx: ServiceContext, input: { displayId: number; id: number; content?: string | null; sendAt?: Date }) {
  const { conversation } = await findVisibleConversation(ctx, input.displayId);
  if (input.sendAt) checkSendAt(input.sendAt);
  const row = await ctx.db.transaction(async (tx) => {
    const current = await lockPending(tx, ctx.actor.accountId, conversation.id, input.id);
    if (input.content !== undefined) prepareMessageBody({ content: input.content, files: current.files as IncomingFile[] });
    const [row] = await tx
      .update(scheduledMessages)
      .set({ ...(input.content !== undefined ? { content: input.content?.trim() ? input.content : null } : {}), ...(input.sendAt ? { sendAt: input.sendAt } : {}), updatedAt: new Date() })
      .where(eq(scheduledMessages.id, current.id))
      .returning();
    return row;
  });
  if (input.sendAt) await wakeSchedule(ctx.temporal, row.id, row.sendAt);
  return serializeScheduled(row, conversation.displayId);
}

/** Cancels a pending scheduled message: it never fires; a system message says who cancelled it. */
export async function cancelScheduledMessage(ctx: ServiceContext, input: { displayId: number; id: number }) {
  const { conversation } = await findVisibleConversation(ctx, input.displayId);
  const row = await ctx.db.transaction(async (tx) => {
    const current = await lockPending(tx, ctx.actor.accountId, conversation.id, input.id);
    const [row] = await tx.update(scheduledMessages).set({ status: 'cancelled', updatedAt: new Date() }).where(eq(scheduledMessages.id, current.id)).returning();
    await recordScheduleActivity(tx, conversation, `${await actorName(tx, ctx.actor.userId)} cancelled the message scheduled for ${utcMinute(current.sendAt)}`);
    return row;
  });
  await wakeSchedule(ctx.temporal, row.id, null);
  await discardUploads(ctx.storage, row.files);
  return serializeScheduled(row, conversation.displayId);
}

async function lockPending(tx: DatabaseOrTransaction, accountId: number, conversationId: number, id: number) {
  const [current] = await tx
    .select()
    .from(scheduledMessages)
    .where(and(eq(scheduledMessages.accountId, accountId), eq(scheduledMessages.conversationId, conversationId), eq(scheduledMessages.id, id)))
    .for('update');
  if (!current) throw notFound('Scheduled message');
  if (current.status !== 'pending') throw conflict(`The scheduled message was already ${current.status}`, 'status');
  return current;
}

/**
 * The activity: sends a due, pending scheduled message once. Under the row lock (an edit or cancel
 * waits, or won first): the outgoing message with its files and its delivery notice, the "sent"
 * system message and the row marked sent commit together; then the delivery is handed to Temporal.
 */
export async function fireScheduledMessage(deps: { db: Database; temporal: Client; taskQueue: string; storage: BlobStore }, input: { accountId: number; scheduledMessageId: number }): Promise<FireOutcome> {
  const result = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(scheduledMessages)
      .where(and(eq(scheduledMessages.accountId, input.accountId), eq(scheduledMessages.id, input.scheduledMessageId)))
      .for('update');
    if (!row || row.status === 'cancelled') return { outcome: 'cancelled' as const };
    if (row.status === 'sent') return { outcome: 'sent' as const, messageId: row.messageId! };
    if (row.sendAt.getTime() > Date.now() + 250) return { outcome: 'not_yet' as const, sendAt: row.sendAt.toISOString() };
    const conversation = await findConversationById(tx, row.conversationId);
    const inbox = conversation && (await findInbox(tx, { accountId: row.accountId, id: conversation.inboxId }));
    if (!conversation || !inbox) return { outcome: 'cancelled' as const };
    const stored = await recordMessage(tx, {
      conversation,
      messageType: 'outgoing',
      content: row.content,
      files: row.files,
      sender: row.authorId ? { type: 'user', id: row.authorId } : null,
      delivery: outboundDeliveryFor(inbox, new Date(), { withWindow: false }),
    });
    if (!stored.created) throw new Error('A scheduled message could not be stored');
    await recordScheduleActivity(tx, conversation, `The message scheduled for ${utcMinute(row.sendAt)} was sent`);
    await tx.update(scheduledMessages).set({ status: 'sent', messageId: stored.id, updatedAt: new Date() }).where(eq(scheduledMessages.id, row.id));
    return { outcome: 'sent' as const, messageId: stored.id, noticeId: stored.noticeId };
  });
  if (result.outcome === 'sent' && 'noticeId' in result && result.noticeId) {
    await handOverNotice({ db: deps.db, temporal: deps.temporal, config: { taskQueue: deps.taskQueue } }, result.noticeId, result.messageId);
  }
  if (result.outcome === 'sent') return { outcome: 'sent', messageId: result.messageId };
  return result;
}

