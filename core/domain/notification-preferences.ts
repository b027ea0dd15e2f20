/**
 * Per-user notification preferences: for each kind of notification, which channels tell the user.
 * Chatwoot keeps two flag lists (e-mail and push); Parley's console adds the bell, the browser
 * notification and a sound, and maps Chatwoot's push flags to the browser notification.
 */
export const notificationKinds = ['conversation_assignment', 'conversation_mention', 'assigned_conversation_new_message', 'participating_conversation_reopened', 'direct_message'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const notificationChannels = ['console', 'browser', 'sound', 'email'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

export type ChannelChoices = Record<NotificationChannel, boolean>;
export type NotificationPreferences = Record<NotificationKind, ChannelChoices>;

/**
 * Until a user chooses: everything in the bell and in the e-mail digest (which only mails what stays
 * unread); the browser notification needs the browser's permission and sound is opt-in, so both off.
 */
export const defaultChannelChoices: ChannelChoices = { console: true, browser: false, sound: false, email: true };

/** The stored choices over the defaults; kinds or channels stored before they existed take the default. */
export function resolvePreferences(stored: Partial<Record<string, Partial<Record<string, unknown>>>> | null | undefined): NotificationPreferences {
  const resolved = {} as NotificationPreferences;
  for (const kind of notificationKinds) {
    const choices = { ...defaultChannelChoices };
    for (const channel of notificationChannels) {
      const value = stored?.[kind]?.[channel];
      if (typeof value === 'boolean') choices[channel] = value;
    }
    resolved[kind] = choices;
  }
  return resolved;
}

/** A user who turned every channel of a kind off gets no notification of that kind at all. */
export function wantsAny(preferences: NotificationPreferences, kind: NotificationKind): boolean {
  return notificationChannels.some((channel) => preferences[kind][channel]);
}

/** Chatwoot's flag names: `email_conversation_assignment`, `push_conversation_mention`, … */
export const emailFlag = (kind: NotificationKind) => `email_${kind}`;
export const pushFlag = (kind: NotificationKind) => `push_${kind}`;
export const allEmailFlags = notificationKinds.map(emailFlag);
export const allPushFlags = notificationKinds.map(pushFlag);

/** The e-mail and push flags Chatwoot lists as selected. */
export function selectedFlags(preferences: NotificationPreferences) {
  return {
    selected_email_flags: notificationKinds.filter((kind) => preferences[kind].email).map(emailFlag),
    selected_push_flags: notificationKinds.filter((kind) => preferences[kind].browser).map(pushFlag),
  };
}

/** Chatwoot's lists applied to the preferences: a list given names exactly the kinds that are on for its channel. */
export function applySelectedFlags(preferences: NotificationPreferences, flags: { selected_email_flags?: string[]; selected_push_flags?: string[] }): NotificationPreferences {
  const next = resolvePreferences(preferences);
  for (const kind of notificationKinds) {
    if (flags.selected_email_flags) next[kind].email = flags.selected_email_flags.includes(emailFlag(kind));
    if (flags.selected_push_flags) next[kind].browser = flags.selected_push_flags.includes(pushFlag(kind));
  }
  return next;
}
