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
import { workflowNow } from '../clock.js';
import {
  changeStatusUpdate,
  incomingMessageSignal,
  lifecycleErrorTypes,
  lifecycleIdempotencyPrefix,
  lifecycleSnapshotQuery,
  setMutedUpdate,
  type ChangeStatusResult,
  type ConversationActivities,
  type ConversationLifecycleInput,
  type TransitionOutcome,
} from './definitions.js';
import { ConversationLifecycleState, InvalidTransitionError, type Transition } from './state.js';

const { applyConversationTransition, readAutoResolveDeadline } = proxyActivities<ConversationActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const defaultResolvedRetentionMs = 7 * 24 * 60 * 60 * 1000;
/** An open, pending or reply-snoozed conversation quiet this long gives its workflow back; Postgres keeps the status. */
const defaultIdleCompletionMs = 30 * 24 * 60 * 60 * 1000;
/**
 * An open conversation re-reads its auto-resolve deadline at least this often, so a setting switched
 * on or shortened reaches every existing workflow without a signal to each (an account with 10,000
 * open conversations costs about one cheap activity a second); a new message moves the deadline,
 * which the check reads from Postgres.
 */
const autoResolveRecheckMs = 6 * 60 * 60 * 1000;

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
  /** Open conversations resolve after the account's auto-resolve duration without a message; deadlines are absolute. */
  autoResolve: 'auto-resolve-after-quiet-duration',
  /** A muted conversation's customer messages do not reopen it. */
  mute: 'muted-stays-resolved',
} as const;

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
    await runExclusively(() =>
      write(patched(patches.noticeRules) ? state.incomingMessageNotice(notice, { respectMute: state.muted && patched(patches.mute) }) : state.incomingMessage()),
    );
  });
  setHandler(setMutedUpdate, (request) =>
    runExclusively(async () => {
      const { changed } = await write(state.requestMute(request));
      return { status: state.status, muted: state.muted, changed };
    }),
  );
  setHandler(lifecycleSnapshotQuery, () => state.snapshot());

  const retentionMs = input.resolvedRetentionMs ?? defaultResolvedRetentionMs;
  const idleCompletionMs = input.idleCompletionMs ?? defaultIdleCompletionMs;
  // Decided once, at the first workflow task: histories recorded before auto-resolve replay the loop below unchanged.
  if (patched(patches.autoResolve)) {
    await runWithAutoResolve({ state, input, write, runExclusively, retentionMs, idleCompletionMs, isGone: () => conversationGone, markGone: () => (conversationGone = true) });
    return;
  }
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

/**
 * The main loop since auto-resolve: every wait is toward an absolute deadline (snooze end, the next
 * auto-resolve check, idle completion since the last change), so periodic checks never postpone the
 * idle completion, and the earliest deadline decides what the timer meant.
 */
async function runWithAutoResolve(loop: {
  state: ConversationLifecycleState;
  input: ConversationLifecycleInput;
  write: (decided: Transition | undefined) => Promise<{ changed: boolean; outcome?: TransitionOutcome }>;
  runExclusively: <T>(work: () => Promise<T>) => Promise<T>;
  retentionMs: number;
  idleCompletionMs: number;
  isGone: () => boolean;
  markGone: () => void;
}): Promise<void> {
  const { state, input } = loop;
  let changedAt = workflowNow();
  let lastVersion = state.version;
  /** When to read the auto-resolve deadline next; undefined: read it now (an open conversation). */
  let autoResolveCheckAt: number | undefined;
  for (;;) {
    if (state.version !== lastVersion) {
      lastVersion = state.version;
      changedAt = workflowNow();
      autoResolveCheckAt = undefined;
    }
    if (state.status === 'open' && autoResolveCheckAt === undefined && !loop.isGone()) {
      await loop.runExclusively(async () => {
        const deadline = await readAutoResolveDeadline({ accountId: input.accountId, conversationId: input.conversationId });
        if (deadline.conversationGone) return loop.markGone();
        const now = workflowNow();
        if (deadline.dueAt !== null && deadline.durationDays !== null && Date.parse(deadline.dueAt) <= now) await loop.write(state.autoResolve(deadline.durationDays));
        autoResolveCheckAt = Math.min(deadline.dueAt ? Date.parse(deadline.dueAt) : Infinity, now + autoResolveRecheckMs);
      });
      continue;
    }
    if (loop.isGone()) {
      await condition(allHandlersFinished);
      return;
    }
    const now = workflowNow();
    const seenVersion = state.version;
    const msUntilWake = state.msUntilWake(now);
    const msUntilCheck = state.status === 'open' && autoResolveCheckAt !== undefined ? Math.max(0, autoResolveCheckAt - now) : undefined;
    const msUntilIdle = msUntilWake !== undefined ? undefined : Math.max(0, changedAt + (state.status === 'resolved' ? loop.retentionMs : loop.idleCompletionMs) - now);
    const waits = [msUntilWake, msUntilCheck, msUntilIdle].filter((ms): ms is number => ms !== undefined);
    const woken = () => state.version !== seenVersion || loop.isGone() || workflowInfo().continueAsNewSuggested;
    const somethingHappened = waits.length === 0 ? (await condition(woken), true) : await condition(woken, Math.min(...waits));

    if (!somethingHappened && !loop.isGone()) {
      // The earliest deadline is the one that fired.
      const fired = Math.min(...waits);
      if (msUntilWake === fired) {
        await loop.runExclusively(() => loop.write(state.snoozeExpired(workflowNow())));
      } else if (msUntilCheck === fired) {
        autoResolveCheckAt = undefined;
      } else if (msUntilIdle === fired) {
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
