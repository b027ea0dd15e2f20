import { defineSignal } from '@temporalio/workflow';

/** The workflow type name, declared once; the API starts it by name without importing workflow code. */
export const outboundMessageWorkflowType = 'outboundMessageWorkflow';
export const outboundWorkflowId = (messageId: number) => `outbound-${messageId}`;

export type OutboundMessageInput = {
  accountId: number;
  messageId: number;
  /** ISO end of the send-interruption window; null or past: deliver at once. */
  sendAfter: string | null;
};

/**
 * The message was interrupted in its window (Postgres already says so: the interrupt is a
 * conditional write there). Wakes the workflow so it ends without waiting out the window.
 */
export const messageInterruptedSignal = defineSignal('messageInterrupted');

/** How a delivery ended, as stored on the message. */
export type OutboundOutcome = 'sent' | 'interrupted' | 'failed' | 'gone';

/** Business failure types the delivery activity throws (non-retryable), stable strings. */
export const outboundErrorTypes = {
  /** The channel refused for good (an SMTP 5xx, no recipient, no server set up): `message` is the reason shown. */
  permanentRefusal: 'ERR_DELIVERY_REFUSED',
} as const;

/** What the workflow asks of the outside world; activities/outbound.ts implements it. */
export type OutboundActivities = {
  /**
   * Delivers the message through its inbox's channel once: claims it in Postgres (`scheduled` or
   * `queued` only; an interrupted, sent or deleted message is left alone), sends, records `sent`.
   */
  deliverOutboundMessage(input: { accountId: number; messageId: number }): Promise<OutboundOutcome>;
  /** Records a permanent failure and its reason (only over a message still on its way). */
  markOutboundMessageFailed(input: { accountId: number; messageId: number; reason: string }): Promise<void>;
};
