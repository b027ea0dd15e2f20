import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
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
  type TransitionOutcome,
} from './definitions.js';
import { ConversationLifecycleState, InvalidTransitionError, type Transition } from './state.js';

const { applyConversationTransition } = proxyActivities<ConversationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const defaultResolvedRetentionMs = 7 * 24 * 60 * 60 * 1000;
/** An open, pending or reply-snoozed conversation quiet this long gives its workflow back; Postgres keeps the status. */
const defaultIdleCompletionMs = 30 * 24 * 60 * 60 * 1000;

/**
 * Behaviour added after workflows were already running in users' installs. `patched()` is false
 * while replaying a history recorded before the change, so those histories replay unchanged.
 */
const patches = {
  /** Notices act once per message id and not for messages older than the last transition. */
  noticeRules: 'incoming-notice-dedupe-and-staleness',
  /** Customer messages stored while a resolve/snooze was being written reopen the conversation. */
  lateMessages: 'reopen-for-messages-during-transition',
  /** Quiet open/pending/snoozed-until-reply conversations complete; a deleted conversation completes. */
  idleCompletion: 'complete-when-idle-or-gone',
} as const;

/**
 * The workflow's clock. Inside the workflow sandbox Date.now() is the time of the current workflow
 * task, recorded in history and identical on replay; the state class takes it as an explicit input.
 * Waiting is done with condition(…, timeout), a durable timer, never with setTimeout.
 */
const workflowNow = () => Date.now();

/**
 * One per conversation (`conversation-<id>`): the only writer of its status, so snooze timers and
 * the stored status never disagree. Completes once a resolved conversation has been quiet for the
 * retention period, any other conversation without a snooze timer for the idle period, or at once
 * when the conversation was deleted; the API's update-with-start / signal-with-start brings it back,
 * started from the stored status, on the next change or customer message.
 */
export async function conversationLifecycleWorkflow(input: ConversationLifecycleInput): Promise<void> {
  const state = new ConversationLifecycleState(input);
  const idempotencyPrefix = `${lifecycleIdempotencyPrefix}${workflowInfo().firstExecutionRunId}`;
  const runExclusively = createSerialiser();

  let conversationGone = false;

  /** Writes a decided transition; the outcome is undefined when nothing was decided (or an older worker wrote it). */
  const write = async (decided: Transition | undefined): Promise<{ changed: boolean; outcome?: TransitionOutcome }> => {
    if (!decided) return { changed: false };
    const transition: Transition = { ...decided, decidedAt: new Date(workflowNow()).toISOString() };
    const outcome = await applyConversationTransition({
      accountId: input.accountId,
      conversationId: input.conversationId,
      idempotencyKey: `${idempotencyPrefix}:${transition.sequence}`,
      transition,
    });
    state.apply(transition);
    if (outcome?.conversationGone && patched(patches.idleCompletion)) conversationGone = true;
    return { changed: true, outcome: outcome ?? undefined };
  };

  setHandler(
    changeStatusUpdate,
    (request) =>
      runExclusively(async (): Promise<ChangeStatusResult> => {
        const { changed, outcome } = await write(state.requestChange(request));
        // The answer is what this request did; a late customer message then reopens, visibly, as its own change.
        const answer = { status: state.status, snoozedUntil: state.snoozedUntil, changed };
        if (outcome?.lateIncomingMessages.length && patched(patches.lateMessages)) {
          for (const notice of outcome.lateIncomingMessages) await write(state.incomingMessageNotice(notice));
        }
        return answer;
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
  setHandler(incomingMessageSignal, async (notice) => {
    await runExclusively(() => write(patched(patches.noticeRules) ? state.incomingMessageNotice(notice) : state.incomingMessage()));
  });
  setHandler(lifecycleSnapshotQuery, () => state.snapshot());

  const retentionMs = input.resolvedRetentionMs ?? defaultResolvedRetentionMs;
  const idleCompletionMs = input.idleCompletionMs ?? defaultIdleCompletionMs;
  for (;;) {
    const seenVersion = state.version;
    const msUntilWake = state.msUntilWake(workflowNow());
    const msUntilIdle =
      msUntilWake !== undefined ? undefined : state.status === 'resolved' ? retentionMs : patched(patches.idleCompletion) ? idleCompletionMs : undefined;
    const timeoutMs = msUntilWake ?? msUntilIdle;
    const woken = () => state.version !== seenVersion || conversationGone || workflowInfo().continueAsNewSuggested;
    const somethingHappened = timeoutMs === undefined ? (await condition(woken), true) : await condition(woken, timeoutMs);

    if (conversationGone) {
      await condition(allHandlersFinished);
      return;
    }
    if (!somethingHappened) {
      if (msUntilWake !== undefined) {
        await runExclusively(() => write(state.snoozeExpired(workflowNow())));
      } else if (msUntilIdle !== undefined) {
        await condition(allHandlersFinished);
        return;
      }
    }
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof conversationLifecycleWorkflow>({ ...input, ...state.carriedOver() });
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
