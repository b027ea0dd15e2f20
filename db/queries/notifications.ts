import { and, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../client.js';
import { notifications, type NotificationType } from '../schema/index.js';

export type NotificationRow = typeof notifications.$inferSelect;

/** One notification per message and user: a retried write adds nothing. Returns the new rows. */
export async function insertNotifications(
  db: DatabaseOrTransaction,
  rows: Array<{
    accountId: number;
    userId: number;
    notificationType: NotificationType;
    primaryActorType: 'DirectConversation' | 'Conversation';
    primaryActorId: number;
    secondaryActorId: number | null;
    sourceMessageId: number;
    meta?: Record<string, unknown>;
  }>,
) {
  if (rows.length === 0) return [];
  return db.insert(notifications).values(rows).onConflictDoNothing().returning();
}

export const notificationsPageSize = 15;

/** The bell's rows: only the kinds the user shows in the console. */
export async function listNotificationsOfUser(db: DatabaseOrTransaction, { accountId, userId, page, types }: { accountId: number; userId: number; page: number; types: NotificationType[] }) {
  if (types.length === 0) return [];
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.accountId, accountId), eq(notifications.userId, userId), inArray(notifications.notificationType, types)))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(notificationsPageSize)
    .offset((page - 1) * notificationsPageSize);
}

export async function countNotificationsOfUser(db: DatabaseOrTransaction, { accountId, userId, types }: { accountId: number; userId: number; types: NotificationType[] }) {
  if (types.length === 0) return { count: 0, unread: 0 };
  const [row] = await db
    .select({ count: sql<number>`count(*)::int`, unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)::int` })
    .from(notifications)
    .where(and(eq(notifications.accountId, accountId), eq(notifications.userId, userId), inArray(notifications.notificationType, types)));
  return { count: Number(row?.count ?? 0), unread: Number(row?.unread ?? 0) };
}

export async function findNotificationOfUser(db: DatabaseOrTransaction, { accountId, userId, id }: { accountId: number; userId: number; id: number }) {
  const [row] = await db.select().from(notifications).where(and(eq(notifications.id, id), eq(notifications.accountId, accountId), eq(notifications.userId, userId)));
  return row;
}

export async function loadNotificationsByIds(db: DatabaseOrTransaction, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(notifications).where(inArray(notifications.id, ids));
}

export async function markNotificationRead(db: DatabaseOrTransaction, { accountId, userId, id }: { accountId: number; userId: number; id: number }) {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.accountId, accountId), eq(notifications.userId, userId)))
    .returning();
  return row;
}

export async function markAllNotificationsRead(db: DatabaseOrTransaction, { accountId, userId }: { accountId: number; userId: number }) {
  await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.accountId, accountId), eq(notifications.userId, userId), isNull(notifications.readAt)));
}

/** Reading a direct conversation reads its notifications too. */
export async function markDirectConversationNotificationsRead(db: DatabaseOrTransaction, { userId, conversationId }: { userId: number; conversationId: number }) {
  await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.primaryActorType, 'DirectConversation'),
        eq(notifications.primaryActorId, conversationId),
        isNull(notifications.readAt),
      ),
    );
}

/**
 * Claims what a digest e-mail should tell the user: unread, not yet e-mailed, created at or before
 * the cutoff, in every account. Locked until the caller's transaction ends, so two runs of the
 * digest never claim the same rows; marking them e-mailed is the caller's, in the same transaction.
 */
export async function claimUnreadForDigest(db: DatabaseOrTransaction, { userId, cutoff }: { userId: number; cutoff: Date }) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), isNull(notifications.emailedAt), lte(notifications.createdAt, cutoff)))
    .orderBy(notifications.createdAt)
    .for('update', { skipLocked: true });
}

export async function markNotificationsEmailed(db: DatabaseOrTransaction, ids: number[]) {
  if (ids.length === 0) return;
  await db.update(notifications).set({ emailedAt: sql`now()` }).where(inArray(notifications.id, ids));
}
