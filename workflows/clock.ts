/**
 * The one clock every workflow reads. Inside the workflow sandbox Date.now() is the time of the
 * current workflow task, recorded in history and identical on replay, so this is deterministic;
 * naming it says where time enters a workflow. Pure logic (state classes, schedules) takes the time
 * as an explicit input, and waiting is always a durable timer (sleep, condition with a timeout),
 * never setTimeout.
 */
export const workflowNow = (): number => Date.now();
