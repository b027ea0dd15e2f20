import type { Client } from '@temporalio/client';
import type { DatabaseOrTransaction } from '../../../db/client.js';
import { publishUserEvent } from '../../../db/queries/events.js';
import { insertNotifications } from '../../../db/queries/notifications.js';
import type { NotificationType } from '../../../db/schema/index.js';
import { dmDigestWorkflowId, dmDigestWorkflowType, notificationPendingSignal, type DmDigestInput } from '../../../workflows/dm-digest/definitions.js';
import { wantsAny } from '../../domain/notification-preferences.js';
import { temporalCallDeadlineMs } from '../conversations/lifecycle-client.js';
import { preferencesOf } from './preferences.js';

/** NOTIFICATION_DIGEST_DELAY's default. */
export const defaultNotificationDigestDelayMs = 15 * 60 * 1000;

export type NotificationRequest = {
  accountId: number;
  userIds: number[];
  notificationType: NotificationType;
  primaryActorType: 'DirectConversation' | 'Conversation';
  primaryActorId: number;
  secondaryActorId: number | null;
  sourceMessageId: number;
  meta?: Record<string, unknown>;
};

/**
 * Stores the notifications (one per message and user, so a retry adds none) and announces each to
 * its owner's console, inside the caller's transaction. Someone who turned every channel of this
 * kind off gets none. Returns who was newly notified and wants the e-mail digest of this kind.
 */
export async function recordNotifications(db: DatabaseOrTransaction, request: NotificationRequest): Promise<number[]> {
  const { userIds, ...common } = request;
  const preferences = await preferencesOf(db, { accountId: request.accountId, userIds: [...new Set(userIds)] });
  const wanted = [...new Set(userIds)].filter((userId) => wantsAny(preferences.get(userId)!, request.notificationType));
  const rows = await insertNotifications(db, wanted.map((userId) => ({ ...common, userId })));
  for (const row of rows) {
    await publishUserEvent(db, { type: 'notification.created', accountId: row.accountId, userIds: [row.userId], notificationId: row.id });
  }
  return rows.filter((row) => preferences.get(row.userId)![request.notificationType].email).map((row) => row.userId);
}

/** What starting a digest timer needs: the API's dependencies have it, the worker's activities build it. */
export type DigestDeps = { temporal: Client; config: { taskQueue: string; notificationDigestDelayMs?: number } };

/**
 * Tells each user's digest workflow that something is waiting (signal-with-start: it starts the
 * timer if none runs). After commit; if Temporal is unreachable the notification stays unread and
 * in the bell, and the user's next notification's digest includes it.
 */
export async function scheduleDigests(deps: DigestDeps, userIds: number[]) {
  if (userIds.length === 0) return;
  const delayMs = deps.config.notificationDigestDelayMs ?? defaultNotificationDigestDelayMs;
  await Promise.all(
    [...new Set(userIds)].map((userId) =>
      // Within the same deadline as every call into Temporal: an outage never holds the answer long.
      deps.temporal
        .withDeadline(Date.now() + temporalCallDeadlineMs, () =>
          deps.temporal.workflow.signalWithStart(dmDigestWorkflowType, {
            workflowId: dmDigestWorkflowId(userId),
            taskQueue: deps.config.taskQueue,
            args: [{ userId, delayMs } satisfies DmDigestInput],
            signal: notificationPendingSignal,
            signalArgs: [],
          }),
        )
        .catch((error: Error) => console.warn(`[notifications] digest timer of user ${userId} not signalled: ${error.message}`)),
    ),
  );
}
