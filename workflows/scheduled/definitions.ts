import { defineSignal } from '@temporalio/workflow';

export const scheduledMessageWorkflowType = 'scheduledMessageWorkflow';
export const scheduledWorkflowId = (scheduledMessageId: number) => `scheduled-${scheduledMessageId}`;

export type ScheduledMessageInput = { accountId: number; scheduledMessageId: number; sendAt: string };

/**
 * The scheduled message was edited (new time) or cancelled. Postgres holds the truth; the signal
 * only wakes the wait so it sleeps until the new time or ends. A lost signal changes nothing: the
 * firing activity finds the stored time or status and says so.
 */
export const scheduleChangedSignal = defineSignal<[{ sendAt: string | null }]>('scheduleChanged');

export type FireOutcome = { outcome: 'sent'; messageId: number } | { outcome: 'cancelled' } | { outcome: 'not_yet'; sendAt: string };

export type ScheduledActivities = {
  /** Sends the scheduled message through the outbound path once, if it is still pending and due. */
  fireScheduledMessage(input: { accountId: number; scheduledMessageId: number }): Promise<FireOutcome>;
};
