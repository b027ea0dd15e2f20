import { accountPath, apiRequest, type RequestFunction } from './http';

export interface AppNotification {
  id: number;
  notification_type: NotificationKind | string;
  push_message_title: string;
  primary_actor_type: 'DirectConversation' | 'Conversation';
  primary_actor_id: number;
  secondary_actor: { id: number; name: string; type: string } | null;
  read_at: number | null;
  created_at: number;
  meta: Record<string, unknown>;
}

export const notificationKinds = ['conversation_assignment', 'conversation_mention', 'assigned_conversation_new_message', 'participating_conversation_reopened', 'direct_message'] as const;
export type NotificationKind = (typeof notificationKinds)[number];
export const notificationChannels = ['console', 'browser', 'sound', 'email'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];
export type ChannelChoices = Record<NotificationChannel, boolean>;

/** What the live stream sends with a notification: the bell's count, and which channels announce it. */
export interface NotificationEvent {
  notification: AppNotification | null;
  unread_count: number;
  channels?: ChannelChoices | null;
}

export interface NotificationSettings {
  selected_email_flags: string[];
  selected_push_flags: string[];
  preferences: Record<NotificationKind, ChannelChoices>;
}

export const getNotificationSettings = (accountId: number, request: RequestFunction = fetch) => apiRequest<NotificationSettings>(request, accountPath(accountId, '/notification_settings'));

export const updateNotificationSettings = (accountId: number, preferences: Partial<Record<NotificationKind, Partial<ChannelChoices>>>, request: RequestFunction = fetch) =>
  apiRequest<NotificationSettings>(request, accountPath(accountId, '/notification_settings'), { method: 'PATCH', body: { preferences } });

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
