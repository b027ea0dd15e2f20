import { defineQuery, defineSignal } from '@temporalio/workflow';

/** The workflow type name, declared once; services start it by name without importing workflow code. */
export const inboxRouterWorkflowType = 'inboxRouterWorkflow';
export const inboxRouterWorkflowId = (inboxId: number) => `inbox-router-${inboxId}`;

/** Why the router was woken; it reads what to do from Postgres, so the reason is only for its history and the Temporal UI. */
export const routingReasons = ['conversation_waiting', 'capacity_freed', 'availability_changed', 'settings_changed', 'sweep'] as const;
export type RoutingReason = (typeof routingReasons)[number];

export type InboxRouterInput = {
  inboxId: number;
  accountId: number;
  /** How long the router may stay quiet with nothing waiting before it completes (signal-with-start revives it). */
  idleCompletionMs?: number;
  /** Continue as new past this many history events (Temporal also suggests it on its own). */
  maxHistoryEvents?: number;
};

/** One signal for every cause: the queue lives in Postgres (the inbox's open unassigned conversations), so the router only needs "something changed". */
export const routingNeededSignal = defineSignal<[{ reason: RoutingReason }]>('routingNeeded');

export type InboxRouterSnapshot = { passes: number; assigned: number; pending: boolean };
export const inboxRouterSnapshotQuery = defineQuery<InboxRouterSnapshot>('inboxRouterSnapshot');

export type RoutingPassInput = { accountId: number; inboxId: number; batchSize: number };

export type RoutingPassResult = {
  /** Conversations this pass assigned. */
  assigned: number;
  /** True when the batch filled up: more may be assignable at once. */
  more: boolean;
  /** Conversations still waiting after the pass. */
  waiting: number;
  /**
   * When waiting conversations could be served later without any signal (an agent's fair-distribution
   * window slides open): ms until the earliest such moment.
   */
  retryInMs?: number;
  /** The inbox is gone: the router completes. */
  inboxGone?: boolean;
};

/** What the router asks of the outside world; the worker's activities implement it. */
export type InboxRouterActivities = {
  runRoutingPass(input: RoutingPassInput): Promise<RoutingPassResult>;
};
