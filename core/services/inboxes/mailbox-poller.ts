import type { Client } from '@temporalio/client';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { temporalCallDeadlineMs } from '../conversations/lifecycle-client.js';
import { inboxes } from '../../../db/schema/index.js';
import { mailboxPollerWorkflowType, mailboxWorkflowId, pollMailboxNowSignal, type MailboxPollerInput } from '../../../workflows/mailbox/definitions.js';

/**
 * Starts the inbox's `mailbox-<inboxId>` poller if it is not running and asks it to poll now
 * (signal-with-start): after its IMAP settings changed, or "test connection".
 */
export async function pollMailboxNow(temporal: Client, taskQueue: string, inbox: { id: number; accountId: number }): Promise<void> {
  const input: MailboxPollerInput = { accountId: inbox.accountId, inboxId: inbox.id };
  await temporal.withDeadline(Date.now() + temporalCallDeadlineMs, () =>
    temporal.workflow.signalWithStart(mailboxPollerWorkflowType, {
      workflowId: mailboxWorkflowId(inbox.id),
      taskQueue,
      args: [input],
      signal: pollMailboxNowSignal,
      signalArgs: [],
    }),
  );
}

/**
 * Run by every worker at start and every few minutes: each email inbox with IMAP gets its poller
 * (a running one is kept), so an inbox saved while Temporal was down starts polling once it is back.
 */
export async function ensureMailboxPollers(deps: { db: Database; temporal: Client; taskQueue: string }): Promise<number> {
  const rows = await deps.db
    .select({ id: inboxes.id, accountId: inboxes.accountId })
    .from(inboxes)
    .where(and(eq(inboxes.channelType, 'email'), sql`${inboxes.settings} ? 'imap'`));
  for (const inbox of rows) {
    const input: MailboxPollerInput = { accountId: inbox.accountId, inboxId: inbox.id };
    await deps.temporal.workflow.start(mailboxPollerWorkflowType, {
      workflowId: mailboxWorkflowId(inbox.id),
      taskQueue: deps.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
  }
  return rows.length;
}
