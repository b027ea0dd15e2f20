import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  changeStatusUpdate,
  incomingMessageSignal,
  lifecycleErrorTypes,
  lifecycleIdempotencyPrefix,
  lifecycleSnapshotQuery,
  type ChangeStatusResult,
  type ConversationActivities,
  type ConversationLifecycleInput,
} from './definitions.js';
import { ConversationLifecycleState, InvalidTransitionError, type Transition } from './state.js';

const { applyConversationTransition } = proxyActivities<ConversationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const defaultResolvedRetentionMs = 7 * 24 * 60 * 60 * 1000;

/**
 * The workflow's clock. Inside the workflow sandbox Date.now() is the time of the current workflow
 * task, recorded in history and identical on replay; the state class takes it as an explicit input.
 * Waiting is done with condition(…, timeout), a durable timer, never with setTimeout.
 */
const workflowNow = () => Date.now();

/**
 * One per conversation (`conversation-<id>`): the only writer of its status, so snooze timers and
 * the stored status never disagree. Completes once a resolved conversation has been quiet for the
 * retention period; the API's update-with-start brings it back on the next change.
 */
export async function conversationLifecycleWorkflow(input: ConversationLifecycleInput): Promise<void> {
  const state = new ConversationLifecycleState(input);
  const idempotencyPrefix = `${lifecycleIdempotencyPrefix}${workflowInfo().firstExecutionRunId}`;
  const runExclusively = createSerialiser();

  const write = async (transition: Transition | undefined): Promise<boolean> => {
    if (!transition) return false;
    await applyConversationTransition({
      accountId: input.accountId,
      conversationId: input.conversationId,
      idempotencyKey: `${idempotencyPrefix}:${transition.sequence}`,
      transition,
    });
    state.apply(transition);
    return true;
  };

  setHandler(
    changeStatusUpdate,
    (request) =>
      runExclusively(async (): Promise<ChangeStatusResult> => {
        const changed = await write(state.requestChange(request));
        return { status: state.status, snoozedUntil: state.snoozedUntil, changed };
      }),
    {
      validator: (request) => {
        try {
          state.validate(request, workflowNow());
        } catch (error) {
          if (error instanceof InvalidTransitionError) {
            throw ApplicationFailure.create({ type: lifecycleErrorTypes.invalidTransition, message: error.message, details: [error.field], nonRetryable: true });
          }
          throw error;
        }
      },
    },
  );
  setHandler(incomingMessageSignal, async () => {
    await runExclusively(() => write(state.incomingMessage()));
  });
  setHandler(lifecycleSnapshotQuery, () => state.snapshot());

  const retentionMs = input.resolvedRetentionMs ?? defaultResolvedRetentionMs;
  for (;;) {
    const seenVersion = state.version;
    const msUntilWake = state.msUntilWake(workflowNow());
    const timeoutMs = msUntilWake ?? (state.status === 'resolved' ? retentionMs : undefined);
    const woken = () => state.version !== seenVersion || workflowInfo().continueAsNewSuggested;
    const somethingHappened = timeoutMs === undefined ? (await condition(woken), true) : await condition(woken, timeoutMs);

    if (!somethingHappened) {
      if (msUntilWake !== undefined) {
        await runExclusively(() => write(state.snoozeExpired(workflowNow())));
      } else if (state.status === 'resolved') {
        await condition(allHandlersFinished);
        return;
      }
    }
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof conversationLifecycleWorkflow>({
        ...input,
        status: state.status,
        snoozedUntil: state.snoozedUntil,
        transitionCount: state.transitionCount,
      });
    }
  }
}

/** Runs handlers one at a time, in arrival order, so two requests never decide on the same stale state. */
function createSerialiser() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };
}
