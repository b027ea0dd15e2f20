import { and, eq, isNull } from 'drizzle-orm';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Database } from '../../../db/client.js';
import { listUndispatchedAutomationEvents, pruneProcessedAutomationEvents } from '../../../db/queries/automation.js';
import { automationEvents } from '../../../db/schema/index.js';
import { automationEventWorkflowId, automationEventWorkflowType, type AutomationEventInput } from '../../../workflows/automation/definitions.js';
import { temporalCallDeadlineMs } from '../conversations/lifecycle-client.js';

type DispatchDeps = { db: Database; temporal: Client; taskQueue: string };

/**
 * Hands a committed automation event to its workflow: claims the row (skipped by anyone already
 * dispatching it), starts `automation-event-<id>` and marks the row dispatched in one transaction.
 * A crash between start and commit leaves the row to be dispatched again; the second start finds
 * the first workflow, and the activity does the work once either way.
 */
export async function dispatchAutomationEvent(deps: DispatchDeps, eventId: number): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: automationEvents.id })
      .from(automationEvents)
      .where(and(eq(automationEvents.id, eventId), isNull(automationEvents.dispatchedAt)))
      .for('update', { skipLocked: true });
    if (!row) return false;
    try {
      await deps.temporal.withDeadline(Date.now() + temporalCallDeadlineMs, () =>
        deps.temporal.workflow.start(automationEventWorkflowType, {
          workflowId: automationEventWorkflowId(eventId),
          taskQueue: deps.taskQueue,
          args: [{ eventId } satisfies AutomationEventInput],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    await tx.update(automationEvents).set({ dispatchedAt: new Date() }).where(eq(automationEvents.id, eventId));
    return true;
  });
}

/** Right after the causing write commits; on failure the worker's sweeper dispatches it shortly. */
export async function dispatchAutomationEventSoon(deps: { db: Database; temporal: Client; config: { taskQueue: string } }, eventId: number | null | undefined) {
  if (!eventId) return;
  try {
    await dispatchAutomationEvent({ db: deps.db, temporal: deps.temporal, taskQueue: deps.config.taskQueue }, eventId);
  } catch (error) {
    console.warn(`[automation] event ${eventId} deferred to the sweeper: ${(error as Error).message}`);
  }
}

/** Every event a conversation's creation queued (conversation_created, the first message's message_created). */
export async function dispatchConversationAutomationEvents(deps: { db: Database; temporal: Client; config: { taskQueue: string } }, conversationId: number) {
  const queued = await deps.db
    .select({ id: automationEvents.id })
    .from(automationEvents)
    .where(and(eq(automationEvents.conversationId, conversationId), isNull(automationEvents.dispatchedAt)))
    .orderBy(automationEvents.id);
  for (const { id } of queued) await dispatchAutomationEventSoon(deps, id);
}

/** The worker's sweep: events the API stored but could not dispatch; also drops long-processed ones. */
export async function sweepAutomationEvents(deps: DispatchDeps, options: { olderThanMs: number; limit: number } = { olderThanMs: 15_000, limit: 200 }): Promise<number> {
  let dispatched = 0;
  for (const { id } of await listUndispatchedAutomationEvents(deps.db, options)) if (await dispatchAutomationEvent(deps, id)) dispatched += 1;
  await pruneProcessedAutomationEvents(deps.db);
  return dispatched;
}
