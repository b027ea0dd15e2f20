import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import { workflowNow } from '../clock.js';
import { notificationPendingSignal, type DmDigestActivities, type DmDigestInput } from './definitions.js';

const { sendNotificationDigest } = proxyActivities<DmDigestActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
});

/** A user quiet this long gives the workflow back; the next notification starts it again. */
const idleCompletion = '1 day';
/** Rounds before continue-as-new keeps the history short. */
const roundsPerRun = 200;

/**
 * The user's e-mail digest timer (`dm-digest-<userId>`). A notification signal starts the durable
 * timer if none is running; when it fires, one mail lists everything still unread that is at least
 * the delay old. Notifications read before that are never mailed, and ones that arrive while the
 * timer runs wait for the next round. The timer survives worker restarts, as timers do.
 */
export async function dmDigestWorkflow(input: DmDigestInput): Promise<void> {
  let pending = input.pending ?? false;
  setHandler(notificationPendingSignal, () => {
    pending = true;
  });
  for (let round = 0; round < roundsPerRun; round++) {
    if (!(await condition(() => pending, idleCompletion))) return;
    pending = false;
    await sleep(input.delayMs);
    // Workflow time is deterministic: the cutoff replays the same.
    const cutoffMs = workflowNow() - input.delayMs;
    await sendNotificationDigest({ userId: input.userId, cutoffMs, digestKey: `${workflowInfo().runId}:${round}` });
  }
  await condition(allHandlersFinished);
  await continueAsNew<typeof dmDigestWorkflow>({ ...input, pending });
}
