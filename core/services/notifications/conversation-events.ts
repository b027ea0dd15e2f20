import { and, eq, isNotNull } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import type { ConversationRow } from '../../../db/queries/conversations.js';
import { conversations, messages } from '../../../db/schema/index.js';
import { recordNotifications, scheduleDigests, type DigestDeps } from './notify.js';

/**
 * "Conversation assigned to you": inside the assignment's transaction, for the new assignee unless
 * they assigned it to themselves. `actorUserId` null: the inbox router, or an automation rule
 * (`actorName`, shown instead of a user's name). Returns who wants the digest.
 */
export async function notifyAssignment(
  tx: DatabaseOrTransaction,
  input: { conversation: ConversationRow; assigneeId: number; actorUserId: number | null; actorName?: string; activityMessageId: number },
): Promise<number[]> {
  if (input.assigneeId === input.actorUserId) return [];
  return recordNotifications(tx, {
    accountId: input.conversation.accountId,
    userIds: [input.assigneeId],
    notificationType: 'conversation_assignment',
    primaryActorType: 'Conversation',
    primaryActorId: input.conversation.id,
    secondaryActorId: input.actorUserId,
    sourceMessageId: input.activityMessageId,
    meta: { conversation_display_id: input.conversation.displayId, ...(input.actorName ? { actor_name: input.actorName } : {}) },
  });
}

/**
 * "New message in a conversation assigned to you": the customer's message, another agent's reply or
 * an automation rule's message tells the assignee (their own messages and private notes do not; a
 * note's mentions notify on their own). Reads the assignee as it is now; a retry adds nothing. Inside
 * the caller's transaction; returns who wants the digest.
 */
export async function recordAssigneeMessageNotification(
  db: DatabaseOrTransaction,
  input: { conversationId: number; messageId: number; senderUserId: number | null; isPrivate: boolean; preview: string | null },
): Promise<number[]> {
  if (input.isPrivate) return [];
  const [conversation] = await db.select().from(conversations).where(eq(conversations.id, input.conversationId));
  if (!conversation?.assigneeId || conversation.assigneeId === input.senderUserId) return [];
  return recordNotifications(db, {
    accountId: conversation.accountId,
    userIds: [conversation.assigneeId],
    notificationType: 'assigned_conversation_new_message',
    primaryActorType: 'Conversation',
    primaryActorId: conversation.id,
    secondaryActorId: input.senderUserId,
    sourceMessageId: input.messageId,
    meta: { preview: (input.preview ?? '').slice(0, 140), conversation_display_id: conversation.displayId },
  });
}

/** The same, after the message is stored (the API's and mail import's path), with the digest timer started. */
export async function notifyAssigneeOfMessage(deps: DigestDeps & { db: DatabaseOrTransaction }, input: Parameters<typeof recordAssigneeMessageNotification>[1]) {
  await scheduleDigests(deps, await recordAssigneeMessageNotification(deps.db, input));
}

/**
 * "A conversation you participate in was reopened": inside the reopening transaction, for its
 * assignee and every agent who wrote in it, except whoever reopened it. Returns who wants the digest.
 */
export async function notifyParticipantsOfReopening(
  tx: DatabaseOrTransaction,
  input: { conversation: ConversationRow; actorUserId: number | null; activityMessageId: number },
): Promise<number[]> {
  const writers = await tx
    .selectDistinct({ userId: messages.senderId })
    .from(messages)
    .where(and(eq(messages.conversationId, input.conversation.id), eq(messages.senderType, 'user'), isNotNull(messages.senderId)));
  const participants = new Set([...writers.map((row) => row.userId!), ...(input.conversation.assigneeId ? [input.conversation.assigneeId] : [])]);
  if (input.actorUserId !== null) participants.delete(input.actorUserId);
  if (participants.size === 0) return [];
  return recordNotifications(tx, {
    accountId: input.conversation.accountId,
    userIds: [...participants],
    notificationType: 'participating_conversation_reopened',
    primaryActorType: 'Conversation',
    primaryActorId: input.conversation.id,
    secondaryActorId: input.actorUserId,
    sourceMessageId: input.activityMessageId,
    meta: { conversation_display_id: input.conversation.displayId },
  });
}
