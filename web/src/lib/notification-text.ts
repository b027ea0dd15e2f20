import { t } from '$lib/i18n/i18n.svelte';
import type { AppNotification } from '$lib/services/notification-service';

/** A notification's one line in the reader's language (the bell, the browser notification). */
export function notificationTitle(notification: AppNotification): string {
  const name = notification.secondary_actor?.name ?? '';
  const id = notification.primary_actor_id;
  switch (notification.notification_type) {
    case 'direct_message':
      return t('notifications.directMessage', { name });
    case 'conversation_mention':
      return t('notifications.mention', { name });
    case 'conversation_assignment':
      return name ? t('notifications.assignment', { name, id }) : t('notifications.assignmentByRouter', { id });
    case 'assigned_conversation_new_message':
      return t('notifications.newMessage', { id });
    case 'participating_conversation_reopened':
      return t('notifications.reopened', { id });
    default:
      return notification.push_message_title;
  }
}
