import { runAutomationEvent, type AutomationRunDependencies } from '../core/services/automation/run.js';
import type { AutomationActivities } from '../workflows/automation/definitions.js';

/** Routing rules' activity: idempotent through the event row it marks processed (core/services/automation/run.ts). */
export function createAutomationActivities(deps: AutomationRunDependencies): AutomationActivities {
  return {
    runAutomationEvent: async ({ eventId }) => {
      await runAutomationEvent(deps, eventId);
    },
  };
}
