import { inArray, sql } from 'drizzle-orm';
import { countNotificationsOfUser, findNotificationOfUser, listNotificationsOfUser, markAllNotificationsRead, markNotificationRead, type NotificationRow } from '../../../db/queries/notifications.js';
import { publishUserEvent } from '../../../db/queries/events.js';
import { accountMemberships, conversations, users } from '../../../db/schema/index.js';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import type { ServiceContext } from '../../context.js';
import { notFound } from '../../errors.js';
import { unixSeconds } from '../../serializers/time.js';
import { notificationKinds } from '../../domain/notification-preferences.js';
import { preferencesOf } from './preferences.js';

/**
 * Chatwoot's notification shape. `primary_actor_id` is what a click opens: the direct conversation's
 * id, or the customer conversation's display id (as every Application API path uses).
 */
export async function serializeNotifications(db: DatabaseOrTransaction, rows: NotificationRow[]) {
  const accountId = rows[0]?.accountId;
  const actorIds = [...new Set(rows.map((row) => row.secondaryActorId).filter((id): id is number => id !== null))];
  const conversationIds = [...new Set(rows.filter((row) => row.primaryActorType === 'Conversation').map((row) => row.primaryActorId))];
  const [actors, displayIds] = await Promise.all([
    actorIds.length && accountId
      ? db
          .select({ id: users.id, name: sql<string>`coalesce(${accountMemberships.name}, ${users.displayName}, ${users.name})` })
          .from(users)
          .leftJoin(accountMemberships, sql`${accountMemberships.userId} = ${users.id} and ${accountMemberships.accountId} = ${accountId}`)
          .where(inArray(users.id, actorIds))
      : [],
    conversationIds.length ? db.select({ id: conversations.id, displayId: conversations.displayId }).from(conversations).where(inArray(conversations.id, conversationIds)) : [],
  ]);
  const actorNames = new Map(actors.map((actor) => [actor.id, actor.name]));
  const displayIdOf = new Map(displayIds.map((row) => [row.id, row.displayId]));
  return rows.map((row) => {
    // No user behind it: an automation rule names itself in the notification, the inbox router does not.
    const actorName = row.secondaryActorId ? (actorNames.get(row.secondaryActorId) ?? '') : String(row.meta.actor_name ?? '');
    const primaryActorId = row.primaryActorType === 'Conversation' ? (displayIdOf.get(row.primaryActorId) ?? row.primaryActorId) : row.primaryActorId;
    return {
      id: row.id,
      notification_type: row.notificationType,
      push_message_title: pushMessageTitle(row.notificationType, { actorName, displayId: primaryActorId, preview: String(row.meta.preview ?? '') }),
      primary_actor_type: row.primaryActorType,
      primary_actor_id: primaryActorId,
      primary_actor: { id: primaryActorId },
      secondary_actor: row.secondaryActorId ? { id: row.secondaryActorId, name: actorName, type: 'User' } : null,
      read_at: unixSeconds(row.readAt),
      created_at: unixSeconds(row.createdAt)!,
      last_activity_at: unixSeconds(row.createdAt)!,
      snoozed_until: null,
      account_id: row.accountId,
      user_id: row.userId,
      meta: row.meta,
    };
  });
}

/** Chatwoot's one-line title of a notification (English; the console words it in the reader's language). */
function pushMessageTitle(type: NotificationRow['notificationType'], { actorName, displayId, preview }: { actorName: string; displayId: number; preview: string }) {
  switch (type) {
    case 'direct_message':
      return `${actorName}: ${preview}`;
    case 'conversation_mention':
      return `${actorName} mentioned you: ${preview}`;
    case 'conversation_assignment':
      return `${actorName || 'The inbox router'} assigned you conversation #${displayId}`;
    case 'assigned_conversation_new_message':
      return `New message in conversation #${displayId}: ${preview}`;
    case 'participating_conversation_reopened':
      return `Conversation #${displayId} was reopened`;
  }
}

export type NotificationJson = Awaited<ReturnType<typeof serializeNotifications>>[number];

/** The actor's scope for the bell: their account, and the kinds they show in the console. */
export async function bellScope(db: DatabaseOrTransaction, actor: { accountId: number; userId: number }) {
  const preferences = (await preferencesOf(db, { accountId: actor.accountId, userIds: [actor.userId] })).get(actor.userId)!;
  return { accountId: actor.accountId, userId: actor.userId, types: notificationKinds.filter((kind) => preferences[kind].console), preferences };
}

export async function listNotifications(ctx: ServiceContext, page: number) {
  const scope = await bellScope(ctx.db, ctx.actor);
  const [rows, counts] = await Promise.all([listNotificationsOfUser(ctx.db, { ...scope, page }), countNotificationsOfUser(ctx.db, scope)]);
  return { data: { meta: { unread_count: counts.unread, count: counts.count, current_page: page }, payload: await serializeNotifications(ctx.db, rows) } };
}

export async function unreadNotificationCount(ctx: ServiceContext) {
  return (await countNotificationsOfUser(ctx.db, await bellScope(ctx.db, ctx.actor))).unread;
}

export async function readNotification(ctx: ServiceContext, id: number) {
  const scope = { accountId: ctx.actor.accountId, userId: ctx.actor.userId };
  if (!(await findNotificationOfUser(ctx.db, { ...scope, id }))) throw notFound('Notification');
  const row = await ctx.db.transaction(async (tx) => {
    const updated = await markNotificationRead(tx, { ...scope, id });
    await publishUserEvent(tx, { type: 'notification.updated', accountId: scope.accountId, userIds: [scope.userId], notificationId: id });
    return updated!;
  });
  const [json] = await serializeNotifications(ctx.db, [row]);
  return json;
}

export async function readAllNotifications(ctx: ServiceContext) {
  const scope = { accountId: ctx.actor.accountId, userId: ctx.actor.userId };
  await ctx.db.transaction(async (tx) => {
    await markAllNotificationsRead(tx, scope);
    await publishUserEvent(tx, { type: 'notification.updated', accountId: scope.accountId, userIds: [scope.userId] });
  });
}

