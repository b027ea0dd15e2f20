import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { inboxRouterSnapshotQuery, routingNeededSignal, type InboxRouterActivities, type InboxRouterInput } from './definitions.js';

/**
 * A regular activity, not a local one: on an overloaded machine a local activity's long workflow
 * task failed replay (the bench saw TMPRL1100 "missing associated machine for LocalActivity").
 * A pass is one short transaction; a worker that died mid-pass is retried after this timeout.
 */
const { runRoutingPass } = proxyActivities<InboxRouterActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** Conversations one activity may assign before the router checks its history and signals again. */
const batchSize = 50;
/** Nothing waiting and no signal for this long: the run completes; the next cause's signal-with-start starts a fresh one. */
const defaultIdleCompletionMs = 60 * 60 * 1000;
/** While conversations wait, look again this often even without a signal (a safety net; every cause signals). */
const waitingRecheckMs = 5 * 60 * 1000;
const defaultMaxHistoryEvents = 2_000;

/**
 * One per inbox (`inbox-router-<inboxId>`): the single writer of automatic assignments for the inbox,
 * so two decisions never race. It holds no queue: the queue is the inbox's open unassigned
 * conversations in Postgres, and a signal only says "something changed". Each pass asks an activity
 * to assign what it can, every decision committed under row locks with its guard (still unassigned,
 * agent still eligible), so a manual assignment made meanwhile wins. Signals that arrive during a
 * pass set the flag again, so nothing is missed, and a burst of signals costs one pass.
 */
export async function inboxRouterWorkflow(input: InboxRouterInput): Promise<void> {
  // A fresh run always looks once: it was started by a cause, or continued from a run that may have had one pending.
  let pending = true;
  let passes = 0;
  let assigned = 0;
  setHandler(routingNeededSignal, () => {
    pending = true;
  });
  setHandler(inboxRouterSnapshotQuery, () => ({ passes, assigned, pending }));

  const idleCompletionMs = input.idleCompletionMs ?? defaultIdleCompletionMs;
  const maxHistoryEvents = input.maxHistoryEvents ?? defaultMaxHistoryEvents;
  let waitMs = idleCompletionMs;
  let nothingWaiting = false;
  for (;;) {
    if (!pending) {
      const signalled = await condition(() => pending, waitMs);
      // Quiet with nothing waiting: give the run back.
      if (!signalled && nothingWaiting) {
        await condition(allHandlersFinished);
        if (!pending) return;
      }
    }
    pending = false;
    const result = await runRoutingPass({ accountId: input.accountId, inboxId: input.inboxId, batchSize });
    passes += 1;
    assigned += result.assigned;
    if (result.inboxGone) return;
    if (result.more) pending = true;
    nothingWaiting = result.waiting === 0;
    waitMs = result.waiting > 0 ? Math.max(1_000, Math.min(result.retryInMs ?? waitingRecheckMs, waitingRecheckMs)) : idleCompletionMs;

    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > maxHistoryEvents) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof inboxRouterWorkflow>(input);
    }
  }
}
