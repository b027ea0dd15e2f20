import { defineSignal } from '@temporalio/workflow';

/** The workflow type name, declared once; the API signal-with-starts it by name without importing workflow code. */
export const dmDigestWorkflowType = 'dmDigestWorkflow';
/** One digest timer per user, across their accounts: one mail per user, never one per message. */
export const dmDigestWorkflowId = (userId: number) => `dm-digest-${userId}`;

export type DmDigestInput = {
  userId: number;
  /** How long a notification may stay unread before the digest mails it (NOTIFICATION_DIGEST_DELAY). */
  delayMs: number;
  /** Carried across continue-as-new: a notification arrived that no round has waited for yet. */
  pending?: boolean;
};

/** A notification for the user was stored (a direct message, a mention): start the timer if none runs. */
export const notificationPendingSignal = defineSignal('notificationPending');

export type DigestOutcome = { sent: boolean; notificationCount: number };

export type DmDigestActivities = {
  /** Mails the user one digest of what is still unread and was created at or before `cutoffMs`; nothing when all is read. */
  sendNotificationDigest(input: { userId: number; cutoffMs: number; digestKey: string }): Promise<DigestOutcome>;
};
