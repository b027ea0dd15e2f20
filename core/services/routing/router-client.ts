import type { Client } from '@temporalio/client';
import { inboxRouterWorkflowId, inboxRouterWorkflowType, routingNeededSignal, type InboxRouterInput, type RoutingReason } from '../../../workflows/inbox-router/definitions.js';
import { temporalCallDeadlineMs } from '../conversations/lifecycle-client.js';

/** Wakes the inbox's router, starting it first when it is not running (signal-with-start). */
export async function signalInboxRouter(temporal: Client, taskQueue: string, inbox: { accountId: number; inboxId: number }, reason: RoutingReason): Promise<void> {
  await temporal.withDeadline(Date.now() + temporalCallDeadlineMs, () =>
    temporal.workflow.signalWithStart(inboxRouterWorkflowType, {
      workflowId: inboxRouterWorkflowId(inbox.inboxId),
      taskQueue,
      args: [{ inboxId: inbox.inboxId, accountId: inbox.accountId } satisfies InboxRouterInput],
      workflowIdConflictPolicy: 'USE_EXISTING',
      signal: routingNeededSignal,
      signalArgs: [{ reason }],
    }),
  );
}
