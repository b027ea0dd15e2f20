import { defineSignal } from '@temporalio/workflow';

export const mailboxPollerWorkflowType = 'mailboxPollerWorkflow';
export const mailboxWorkflowId = (inboxId: number) => `mailbox-${inboxId}`;

export type MailboxPollerInput = {
  accountId: number;
  inboxId: number;
  /** Between polls of a healthy mailbox; default one minute. */
  pollIntervalMs?: number;
  /** Carried across continue-as-new: the current back-off after failures (0: healthy). */
  backoffMs?: number;
};

/** Poll now (settings changed, "test connection" pressed), without waiting for the interval or the back-off. */
export const pollMailboxNowSignal = defineSignal('pollMailboxNow');

export type MailboxPollOutcome = { outcome: 'imported'; imported: number; more: boolean } | { outcome: 'failing'; error: string } | { outcome: 'gone' };

export type MailboxActivities = {
  /** Imports the mails after the last imported UID (each once, by Message-ID) and records the connection state. */
  pollMailbox(input: { accountId: number; inboxId: number }): Promise<MailboxPollOutcome>;
};
