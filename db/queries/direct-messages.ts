import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { accountMemberships, directConversations, directMessageAttachments, directMessages, directParticipants, users } from '../schema/index.js';
import { idArray } from './messages.js';

export type DirectConversationRow = typeof directConversations.$inferSelect;
export type DirectMessageRow = typeof directMessages.$inferSelect;
export type DirectAttachmentRow = typeof directMessageAttachments.$inferSelect;

/** The conversation, only when the user takes part in it: everyone else is told it does not exist. */
export async function findDirectConversationOfParticipant(db: DatabaseOrTransaction, { accountId, conversationId, userId }: { accountId: number; conversationId: number; userId: number }) {
  const [row] = await db
    .select({ conversation: directConversations })
    .from(directConversations)
    .innerJoin(directParticipants, and(eq(directParticipants.conversationId, directConversations.id), eq(directParticipants.userId, userId)))
    .where(and(eq(directConversations.id, conversationId), eq(directConversations.accountId, accountId)))
    .limit(1);
  return row?.conversation;
}

/** Which of these users belong to the account (the only people a direct message may reach). */
export async function filterAccountMembers(db: DatabaseOrTransaction, { accountId, userIds }: { accountId: number; userIds: number[] }) {
  if (userIds.length === 0) return [];
  const rows = await db
    .select({ userId: accountMemberships.userId })
    .from(accountMemberships)
    .where(and(eq(accountMemberships.accountId, accountId), inArray(accountMemberships.userId, userIds)));
  return rows.map((row) => row.userId);
}

export async function insertDirectConversation(db: DatabaseOrTransaction, values: { accountId: number; createdById: number }) {
  const [row] = await db.insert(directConversations).values(values).returning();
  return row;
}

/** Adds participants; someone already in stays as they were. Returns who was newly added. */
export async function addDirectParticipants(db: DatabaseOrTransaction, { conversationId, userIds }: { conversationId: number; userIds: number[] }) {
  if (userIds.length === 0) return [];
  const rows = await db
    .insert(directParticipants)
    // Newcomers have read nothing yet: the whole history counts as unread for them.
    .values(userIds.map((userId) => ({ conversationId, userId, lastReadAt: new Date(0) })))
    .onConflictDoNothing()
    .returning({ userId: directParticipants.userId });
  return rows.map((row) => row.userId);
}

export async function listDirectParticipantIds(db: DatabaseOrTransaction, conversationId: number) {
  const rows = await db.select({ userId: directParticipants.userId }).from(directParticipants).where(eq(directParticipants.conversationId, conversationId));
  return rows.map((row) => row.userId);
}

/** Stores a message and moves the conversation's activity time; nothing when the sender repeats an echo id. */
export async function insertDirectMessage(db: DatabaseOrTransaction, values: { conversationId: number; senderId: number; content: string | null; echoId: string | null }) {
  const [row] = await db.insert(directMessages).values(values).onConflictDoNothing().returning();
  if (!row) return undefined;
  await db.update(directConversations).set({ lastActivityAt: row.createdAt }).where(eq(directConversations.id, values.conversationId));
  // The sender has read what they wrote.
  await db
    .update(directParticipants)
    .set({ lastReadAt: row.createdAt })
    .where(and(eq(directParticipants.conversationId, values.conversationId), eq(directParticipants.userId, values.senderId)));
  return row;
}

export async function findDirectMessageByEcho(db: DatabaseOrTransaction, { conversationId, echoId }: { conversationId: number; echoId: string }) {
  const [row] = await db.select().from(directMessages).where(and(eq(directMessages.conversationId, conversationId), eq(directMessages.echoId, echoId)));
  return row;
}

export async function insertDirectAttachments(db: DatabaseOrTransaction, rows: Array<typeof directMessageAttachments.$inferInsert>) {
  if (rows.length === 0) return [];
  return db.insert(directMessageAttachments).values(rows).returning();
}

export const directMessagesPageSize = 50;

export async function listDirectMessages(db: DatabaseOrTransaction, { conversationId, beforeId, ids }: { conversationId: number; beforeId?: number; ids?: number[] }) {
  const rows = await db
    .select()
    .from(directMessages)
    .where(and(eq(directMessages.conversationId, conversationId), beforeId ? lt(directMessages.id, beforeId) : undefined, ids ? inArray(directMessages.id, ids) : undefined))
    .orderBy(desc(directMessages.createdAt), desc(directMessages.id))
    .limit(directMessagesPageSize);
  return rows.reverse();
}

export async function loadDirectAttachments(db: DatabaseOrTransaction, messageIds: number[]) {
  if (messageIds.length === 0) return [];
  return db.select().from(directMessageAttachments).where(inArray(directMessageAttachments.messageId, messageIds)).orderBy(asc(directMessageAttachments.id));
}

export async function findDirectAttachment(db: DatabaseOrTransaction, { conversationId, attachmentId }: { conversationId: number; attachmentId: number }) {
  const [row] = await db
    .select({ attachment: directMessageAttachments })
    .from(directMessageAttachments)
    .innerJoin(directMessages, eq(directMessages.id, directMessageAttachments.messageId))
    .where(and(eq(directMessageAttachments.id, attachmentId), eq(directMessages.conversationId, conversationId)));
  return row?.attachment;
}

/** The user's direct conversations, latest activity first, with their participants, unread counts and last message. */
export async function listDirectConversationsOfUser(db: DatabaseOrTransaction, { accountId, userId, ids }: { accountId: number; userId: number; ids?: number[] }) {
  const rows = await db.execute<{
    id: number;
    created_by_id: number | null;
    created_at: string;
    last_activity_at: string;
    last_read_at: string;
    unread_count: number;
    last_message_id: number | null;
  }>(sql`
    select c.id, c.created_by_id, c.created_at, c.last_activity_at, p.last_read_at,
      (select count(*)::int from ${directMessages} m where m.conversation_id = c.id and m.created_at > p.last_read_at and m.sender_id is distinct from ${userId}::int) as unread_count,
      (select m.id from ${directMessages} m where m.conversation_id = c.id order by m.created_at desc, m.id desc limit 1) as last_message_id
    from ${directConversations} c
    join ${directParticipants} p on p.conversation_id = c.id and p.user_id = ${userId}::int
    where c.account_id = ${accountId}::int ${ids ? sql`and c.id = any(${idArray(ids)})` : sql``}
    order by c.last_activity_at desc, c.id desc
    limit 200`);
  return [...rows].map((row) => ({
    id: Number(row.id),
    createdById: row.created_by_id === null ? null : Number(row.created_by_id),
    createdAt: new Date(row.created_at),
    lastActivityAt: new Date(row.last_activity_at),
    unreadCount: Number(row.unread_count),
    lastMessageId: row.last_message_id === null ? null : Number(row.last_message_id),
  }));
}

/** Participants of several conversations with the names the account knows them by. */
export async function loadDirectParticipants(db: DatabaseOrTransaction, { accountId, conversationIds }: { accountId: number; conversationIds: number[] }) {
  if (conversationIds.length === 0) return [];
  return db
    .select({
      conversationId: directParticipants.conversationId,
      userId: users.id,
      name: sql<string>`coalesce(${accountMemberships.name}, ${users.displayName}, ${users.name})`,
      email: users.email,
    })
    .from(directParticipants)
    .innerJoin(users, eq(users.id, directParticipants.userId))
    .leftJoin(accountMemberships, and(eq(accountMemberships.userId, users.id), eq(accountMemberships.accountId, accountId)))
    .where(inArray(directParticipants.conversationId, conversationIds))
    .orderBy(asc(directParticipants.addedAt), asc(users.id));
}

export async function markDirectConversationRead(db: DatabaseOrTransaction, { conversationId, userId }: { conversationId: number; userId: number }) {
  await db
    .update(directParticipants)
    .set({ lastReadAt: sql`now()` })
    .where(and(eq(directParticipants.conversationId, conversationId), eq(directParticipants.userId, userId)));
}
