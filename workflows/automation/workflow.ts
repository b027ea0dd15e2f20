import { proxyActivities } from '@temporalio/workflow';
import type { AutomationActivities, AutomationEventInput } from './definitions.js';

const { runAutomationEvent } = proxyActivities<AutomationActivities>({
  startToCloseTimeout: '1 minute',
  // Retries until Postgres and Temporal answer again: the activity is idempotent, so a retry finishes what a crash left.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * `automation-event-<id>`: runs the routing rules for one event (a conversation created or updated,
 * a message created). The work is one idempotent activity; the workflow makes it durable, so a
 * worker or database outage delays the rules but never loses or repeats them.
 */
export async function automationEventWorkflow(input: AutomationEventInput): Promise<void> {
  await runAutomationEvent(input);
}
