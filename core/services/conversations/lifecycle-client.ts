import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  changeStatusUpdate,
  conversationLifecycleWorkflowType,
  conversationWorkflowId,
  incomingMessageSignal,
  lifecycleErrorTypes,
  type ChangeStatusRequest,
  type ChangeStatusResult,
  type ConversationLifecycleInput,
  type IncomingMessageNotice,
  type SetMutedRequest,
  type SetMutedResult,
  setMutedUpdate,
} from '../../../workflows/conversation/definitions.js';
import type { ConversationRow } from '../../../db/queries/conversations.js';
import { ApiError } from '../../errors.js';

/**
 * How long any one call into Temporal may take, waiting for the workflow included. A status change
 * normally answers in milliseconds; past this the server or worker is down or the activity is
 * retrying (Postgres unreachable), and the caller gets a 503 with Retry-After instead of a hung request.
 * The change itself stays queued in the workflow and is applied once the outage ends.
 */
export const temporalCallDeadlineMs = 10_000;

const withinDeadline = <T>(temporal: Client, call: () => Promise<T>): Promise<T> => temporal.withDeadline(Date.now() + temporalCallDeadlineMs, call);

/** The workflow's start input, read from the stored conversation so a lazily (re)started run agrees with Postgres. */
export const lifecycleInputOf = (conversation: ConversationRow): ConversationLifecycleInput => ({
  conversationId: conversation.id,
  accountId: conversation.accountId,
  status: conversation.status,
  snoozedUntil: conversation.snoozedUntil?.toISOString() ?? null,
  ...(conversation.muted ? { muted: true } : {}),
});

const startOptions = (conversation: ConversationRow, taskQueue: string) => ({
  workflowId: conversationWorkflowId(conversation.id),
  taskQueue,
  args: [lifecycleInputOf(conversation)] as [ConversationLifecycleInput],
  workflowIdConflictPolicy: 'USE_EXISTING' as const,
});

/** Starts the lifecycle; a second call for the same conversation is a no-op. */
export async function startConversationLifecycle(temporal: Client, taskQueue: string, conversation: ConversationRow): Promise<void> {
  try {
    await withinDeadline(temporal, () => temporal.workflow.start(conversationLifecycleWorkflowType, startOptions(conversation, taskQueue)));
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/**
 * Asks the conversation's workflow to change status and waits for the stored result. Update-with-start
 * means a workflow that completed (idle, or never started because the API died) is brought back first.
 */
export async function requestStatusChange(
  temporal: Client,
  taskQueue: string,
  conversation: ConversationRow,
  request: ChangeStatusRequest,
): Promise<ChangeStatusResult> {
  try {
    return await withinDeadline(temporal, () =>
      temporal.workflow.executeUpdateWithStart(changeStatusUpdate, {
        args: [request],
        startWorkflowOperation: new WithStartWorkflowOperation(conversationLifecycleWorkflowType, startOptions(conversation, taskQueue)),
      }),
    );
  } catch (error) {
    const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === lifecycleErrorTypes.invalidTransition) {
      throw new ApiError('VALIDATION_FAILED', cause.message, String(cause.details?.[0] ?? 'status'));
    }
    throw error;
  }
}

/** Mutes or unmutes through the workflow (update-with-start), which resolves on mute and decides reopening after. */
export async function requestMuteChange(temporal: Client, taskQueue: string, conversation: ConversationRow, request: SetMutedRequest): Promise<SetMutedResult> {
  return withinDeadline(temporal, () =>
    temporal.workflow.executeUpdateWithStart(setMutedUpdate, {
      args: [request],
      startWorkflowOperation: new WithStartWorkflowOperation(conversationLifecycleWorkflowType, startOptions(conversation, taskQueue)),
    }),
  );
}

/** Tells the lifecycle a customer wrote (signal-with-start: an idle, completed workflow is started again). */
export async function notifyIncomingMessage(temporal: Client, taskQueue: string, conversation: ConversationRow, notice: IncomingMessageNotice): Promise<void> {
  await withinDeadline(temporal, () =>
    temporal.workflow.signalWithStart(conversationLifecycleWorkflowType, {
      ...startOptions(conversation, taskQueue),
      signal: incomingMessageSignal,
      signalArgs: [notice],
    }),
  );
}

/**
 * Ends the lifecycles of conversations that were deleted (with their inbox or contact). Best effort
 * after the rows are gone: a workflow missed here finds its conversation missing on its next write
 * and completes, and an untouched one completes when idle.
 */
export async function endConversationLifecycles(temporal: Client, conversationIds: number[], reason: string): Promise<void> {
  const results = await Promise.allSettled(
    conversationIds.map((id) =>
      withinDeadline(temporal, () => temporal.workflow.getHandle(conversationWorkflowId(id)).terminate(reason)).catch((error: unknown) => {
        // Completed (idle) or never started: nothing to end.
        if (error instanceof WorkflowNotFoundError) return;
        throw error;
      }),
    ),
  );
  const failed = results.filter((result) => result.status === 'rejected');
  if (failed.length) {
    console.warn(`[lifecycle] could not end ${failed.length} workflow(s) of deleted conversations now: ${(failed[0] as PromiseRejectedResult).reason}`);
  }
}
