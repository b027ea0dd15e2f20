import { getContext, setContext } from 'svelte';
import { listNotifications, markAllNotificationsRead, markNotificationRead, type AppNotification, type ChannelChoices, type NotificationEvent } from '$lib/services/notification-service';

const key = Symbol('parley-notifications');

/** The bell: the user's latest notifications and unread count, kept live by the account's event stream. */
export class NotificationsState {
  items = $state<AppNotification[]>([]);
  unreadCount = $state(0);

  constructor(readonly accountId: number) {}

  async load(): Promise<void> {
    const page = await listNotifications(this.accountId);
    this.items = page.data.payload;
    this.unreadCount = page.data.meta.unread_count;
  }

  /**
   * `notification.created` / `notification.updated` from the stream: the new one on top (if the user
   * shows its kind in the console), the count as the server counts, and the sound or browser
   * notification the user chose for its kind.
   */
  handleEvent(name: 'notification.created' | 'notification.updated', data: NotificationEvent, alerts?: { onAlert: (notification: AppNotification, channels: ChannelChoices) => void }): void {
    this.unreadCount = data.unread_count;
    const notification = data.notification;
    if (name === 'notification.created' && notification && !this.items.some((item) => item.id === notification.id)) {
      if (data.channels?.console !== false) this.items = [notification, ...this.items];
      if (data.channels) alerts?.onAlert(notification, data.channels);
    }
    // A read elsewhere (another tab, reading the conversation): refetch what is shown.
    if (name === 'notification.updated') void this.load().catch(() => {});
  }

  async markRead(notification: AppNotification): Promise<void> {
    if (notification.read_at) return;
    const updated = await markNotificationRead(this.accountId, notification.id);
    this.items = this.items.map((item) => (item.id === updated.id ? updated : item));
    this.unreadCount = Math.max(0, this.unreadCount - 1);
  }

  async markAllRead(): Promise<void> {
    await markAllNotificationsRead(this.accountId);
    const now = Math.floor(Date.now() / 1000);
    this.items = this.items.map((item) => ({ ...item, read_at: item.read_at ?? now }));
    this.unreadCount = 0;
  }
}

export const provideNotifications = (state: NotificationsState) => setContext(key, state);
export const useNotifications = () => getContext<NotificationsState>(key);
