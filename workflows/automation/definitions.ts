/** The workflow type name, declared once; clients start it by name without importing workflow code. */
export const automationEventWorkflowType = 'automationEventWorkflow';
/** One workflow per automation event: starting it twice (API and sweeper) finds the first. */
export const automationEventWorkflowId = (eventId: number) => `automation-event-${eventId}`;

export type AutomationEventInput = { eventId: number };

/** What the workflow asks of the outside world; the worker's activities implement it. */
export type AutomationActivities = {
  /** Evaluates the account's rules for the event and carries out the actions, once (the event row records it). */
  runAutomationEvent(input: AutomationEventInput): Promise<void>;
};
