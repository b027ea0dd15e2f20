import type { Database } from '../../../db/client.js';
import { listDirectMessages } from '../../../db/queries/direct-messages.js';
import type { UserEvent } from '../../../db/queries/events.js';
import { countNotificationsOfUser, loadNotificationsByIds } from '../../../db/queries/notifications.js';
import type { AccountActor } from '../../context.js';
import { loadDirectConversationsFor, serializeDirectMessages } from '../direct-messages/direct-messages.js';
import { bellScope, serializeNotifications } from '../notifications/list.js';

/**
 * What a user-addressed event shows the one user it reaches: their view of the direct conversation
 * (their unread count) with the new message, or the notification with their bell's unread count.
 * Loaded per stream, since each user's counts differ; these events are few.
 */
export async function loadUserEventPayload(db: Database, actor: AccountActor, event: UserEvent) {
  const scope = { accountId: actor.accountId, userId: actor.userId };
  if (event.type === 'direct_message.created' || event.type === 'direct_conversation.updated') {
    if (!event.directConversationId) return undefined;
    const [conversation] = await loadDirectConversationsFor(db, { ...scope, ids: [event.directConversationId] });
    if (!conversation) return undefined;
    if (event.type === 'direct_conversation.updated' || !event.messageId) return { conversation };
    const rows = await listDirectMessages(db, { conversationId: event.directConversationId, ids: [event.messageId] });
    const [message] = await serializeDirectMessages(db, actor.accountId, event.directConversationId, rows);
    return message ? { conversation, message } : undefined;
  }
  const bell = await bellScope(db, actor);
  const counts = await countNotificationsOfUser(db, bell);
  if (!event.notificationId) return { notification: null, unread_count: counts.unread };
  const rows = (await loadNotificationsByIds(db, [event.notificationId])).filter((row) => row.userId === actor.userId && row.accountId === actor.accountId);
  const [notification] = await serializeNotifications(db, rows);
  // Which of the user's channels announce it: the console shows it in the bell, plays the sound or raises the browser notification by these.
  const channels = rows[0] ? bell.preferences[rows[0].notificationType] : null;
  return { notification: notification ?? null, unread_count: counts.unread, channels };
}
