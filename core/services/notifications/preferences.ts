import type { DatabaseOrTransaction } from '../../../db/client.js';
import { loadStoredPreferences, saveStoredPreferences } from '../../../db/queries/notification-settings.js';
import type { ServiceContext } from '../../context.js';
import {
  allEmailFlags,
  allPushFlags,
  applySelectedFlags,
  notificationKinds,
  resolvePreferences,
  selectedFlags,
  type ChannelChoices,
  type NotificationKind,
  type NotificationPreferences,
} from '../../domain/notification-preferences.js';

/** Each user's preferences in the account, defaults filled in. */
export async function preferencesOf(db: DatabaseOrTransaction, { accountId, userIds }: { accountId: number; userIds: number[] }) {
  const stored = await loadStoredPreferences(db, { accountId, userIds });
  return new Map(userIds.map((userId) => [userId, resolvePreferences(stored.get(userId))]));
}

/** Chatwoot's notification_settings shape, with Parley's per-channel choices beside it. */
function serializeNotificationSettings(ctx: ServiceContext, preferences: NotificationPreferences) {
  return {
    id: ctx.actor.userId,
    account_id: ctx.actor.accountId,
    user_id: ctx.actor.userId,
    all_email_flags: allEmailFlags,
    all_push_flags: allPushFlags,
    ...selectedFlags(preferences),
    preferences,
  };
}

export type NotificationSettingsJson = ReturnType<typeof serializeNotificationSettings>;

/** The caller's own settings: every user may read and change only theirs. */
export async function getNotificationSettings(ctx: ServiceContext) {
  const preferences = (await preferencesOf(ctx.db, { accountId: ctx.actor.accountId, userIds: [ctx.actor.userId] })).get(ctx.actor.userId)!;
  return serializeNotificationSettings(ctx, preferences);
}

export type NotificationSettingsChange = {
  selected_email_flags?: string[];
  selected_push_flags?: string[];
  preferences?: Partial<Record<NotificationKind, Partial<ChannelChoices>>>;
};

/** Chatwoot's flag lists first, then Parley's per-kind choices (which win where both name a channel). */
export async function updateNotificationSettings(ctx: ServiceContext, change: NotificationSettingsChange) {
  const scope = { accountId: ctx.actor.accountId, userId: ctx.actor.userId };
  const preferences = await ctx.db.transaction(async (tx) => {
    const current = (await preferencesOf(tx, { accountId: scope.accountId, userIds: [scope.userId] })).get(scope.userId)!;
    const next = applySelectedFlags(current, change);
    for (const kind of notificationKinds) next[kind] = { ...next[kind], ...change.preferences?.[kind] };
    await saveStoredPreferences(tx, { ...scope, preferences: next });
    return next;
  });
  return serializeNotificationSettings(ctx, preferences);
}
