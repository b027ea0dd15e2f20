import { accountPath, apiRequest, type RequestFunction } from './http';

export interface AppNotification {
  id: number;
  notification_type: 'direct_message' | 'conversation_mention' | string;
  push_message_title: string;
  primary_actor_type: 'DirectConversation' | 'Conversation';
  primary_actor_id: number;
  secondary_actor: { id: number; name: string; type: string } | null;
  read_at: number | null;
  created_at: number;
  meta: Record<string, unknown>;
}

export interface NotificationPage {
  data: { meta: { unread_count: number; count: number; current_page: number }; payload: AppNotification[] };
}

export const listNotifications = (accountId: number, request: RequestFunction = fetch) => apiRequest<NotificationPage>(request, accountPath(accountId, '/notifications'));

export const markNotificationRead = (accountId: number, id: number, request: RequestFunction = fetch) =>
  apiRequest<AppNotification>(request, accountPath(accountId, `/notifications/${id}`), { method: 'PATCH' });

export const markAllNotificationsRead = (accountId: number, request: RequestFunction = fetch) => apiRequest(request, accountPath(accountId, '/notifications/read_all'), { method: 'POST' });

/** Where clicking a notification goes in the console. */
export function notificationTarget(accountId: number, notification: AppNotification): string {
  return notification.primary_actor_type === 'DirectConversation'
    ? `/app/accounts/${accountId}/direct-messages/${notification.primary_actor_id}`
    : `/app/accounts/${accountId}/conversations/${notification.primary_actor_id}`;
}
