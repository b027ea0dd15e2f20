import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
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
} from '../../../workflows/conversation/definitions.js';
import type { ConversationRow } from '../../../db/queries/conversations.js';
import { ApiError } from '../../errors.js';

/** The workflow's start input, read from the stored conversation so a lazily (re)started run agrees with Postgres. */
export const lifecycleInputOf = (conversation: ConversationRow): ConversationLifecycleInput => ({
  conversationId: conversation.id,
  accountId: conversation.accountId,
  status: conversation.status,
  snoozedUntil: conversation.snoozedUntil?.toISOString() ?? null,
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
    await temporal.workflow.start(conversationLifecycleWorkflowType, startOptions(conversation, taskQueue));
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/**
 * Asks the conversation's workflow to change status and waits for the stored result. Update-with-start
 * means a workflow that completed (or never started because the API died) is brought back first.
 */
export async function requestStatusChange(
  temporal: Client,
  taskQueue: string,
  conversation: ConversationRow,
  request: ChangeStatusRequest,
): Promise<ChangeStatusResult> {
  try {
    return await temporal.workflow.executeUpdateWithStart(changeStatusUpdate, {
      args: [request],
      startWorkflowOperation: new WithStartWorkflowOperation(conversationLifecycleWorkflowType, startOptions(conversation, taskQueue)),
    });
  } catch (error) {
    const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === lifecycleErrorTypes.invalidTransition) {
      throw new ApiError('VALIDATION_FAILED', cause.message, String(cause.details?.[0] ?? 'status'));
    }
    throw error;
  }
}

/** Tells the lifecycle a customer wrote; only sent when that can reopen the conversation. */
export async function notifyIncomingMessage(temporal: Client, taskQueue: string, conversation: ConversationRow, messageId: number): Promise<void> {
  await temporal.workflow.signalWithStart(conversationLifecycleWorkflowType, {
    ...startOptions(conversation, taskQueue),
    signal: incomingMessageSignal,
    signalArgs: [{ messageId }],
  });
}
