import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { workflowNow } from '../clock.js';
import { scheduleChangedSignal, type ScheduledActivities, type ScheduledMessageInput } from './definitions.js';

const { fireScheduledMessage } = proxyActivities<ScheduledActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One per scheduled message (`scheduled-<id>`): sleeps until its time (a durable timer), then sends
 * it through the outbound path. Edits move the time, a cancel ends it; both are stored first and only
 * wake this wait, and the firing activity re-reads Postgres, so nothing fires early, late or twice.
 */
export async function scheduledMessageWorkflow(input: ScheduledMessageInput): Promise<string> {
  let sendAt: string | null = input.sendAt;
  let changed = false;
  setHandler(scheduleChangedSignal, (change) => {
    sendAt = change.sendAt;
    changed = true;
  });
  for (;;) {
    changed = false;
    if (sendAt === null) return 'cancelled';
    const waitMs = Date.parse(sendAt) - workflowNow();
    if (waitMs > 0 && (await condition(() => changed, waitMs))) continue;
    const fired = await fireScheduledMessage({ accountId: input.accountId, scheduledMessageId: input.scheduledMessageId });
    if (fired.outcome !== 'not_yet') return fired.outcome;
    sendAt = fired.sendAt;
  }
}
