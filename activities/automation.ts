import type { Client } from '@temporalio/client';
import type { Database } from '../db/client.js';
import { runAutomationEvent } from '../core/services/automation/run.js';
import type { AutomationActivities } from '../workflows/automation/definitions.js';

/** Routing rules' activity: idempotent through the event row it marks processed (core/services/automation/run.ts). */
export function createAutomationActivities(deps: { db: Database; temporal: Client; taskQueue: string }): AutomationActivities {
  return {
    runAutomationEvent: async ({ eventId }) => {
      await runAutomationEvent(deps, eventId);
    },
  };
}
