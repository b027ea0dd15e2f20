import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Transition } from './state.js';

/** The statuses the lifecycle moves between; `db/schema` stores exactly these (activities check they agree). */
export const lifecycleStatuses = ['open', 'resolved', 'pending', 'snoozed'] as const;
export type ConversationStatus = (typeof lifecycleStatuses)[number];

/** The workflow type name, declared once; the API starts workflows by it without importing workflow code. */
export const conversationLifecycleWorkflowType = 'conversationLifecycleWorkflow';
export const conversationWorkflowId = (conversationId: number) => `conversation-${conversationId}`;

/**
 * Activity messages a lifecycle transition writes carry `lifecycle:<run>:<n>` as their echo id: the
 * idempotency key that makes a retried activity a no-op. Clients may not use the prefix, or they
 * could pre-empt a transition; responses never show these keys.
 */
export const lifecycleIdempotencyPrefix = 'lifecycle:';

export type LifecycleActor = { type: 'user'; id: number } | { type: 'contact' } | { type: 'system' };

export type ConversationLifecycleInput = {
  conversationId: number;
  accountId: number;
  status: ConversationStatus;
  /** ISO time; only with `snoozed`. Absent while snoozed means "until the customer writes". */
  snoozedUntil?: string | null;
  /** How long a resolved conversation's workflow stays around for a quick reopen before it completes. */
  resolvedRetentionMs?: number;
  /** Carried across continue-as-new so activity idempotency keys never repeat. */
  transitionCount?: number;
};

export type ChangeStatusRequest = {
  status: ConversationStatus;
  snoozedUntil?: string | null;
  actor: LifecycleActor;
};

export type ChangeStatusResult = {
  status: ConversationStatus;
  snoozedUntil: string | null;
  /** False when the conversation already was in the requested state (resolving twice changes nothing). */
  changed: boolean;
};

export type IncomingMessageNotice = { messageId: number };

export type LifecycleSnapshot = {
  status: ConversationStatus;
  snoozedUntil: string | null;
  transitionCount: number;
};

export const changeStatusUpdate = defineUpdate<ChangeStatusResult, [ChangeStatusRequest]>('changeStatus');
export const incomingMessageSignal = defineSignal<[IncomingMessageNotice]>('incomingMessage');
export const lifecycleSnapshotQuery = defineQuery<LifecycleSnapshot>('lifecycleSnapshot');

/** Business failure types, stable strings clients can match on. */
export const lifecycleErrorTypes = {
  invalidTransition: 'ERR_INVALID_STATUS_TRANSITION',
} as const;

/**
 * What the workflow asks of the outside world, declared here so workflow code never imports
 * `activities/`; the worker's activities implement it.
 */
export type ConversationActivities = {
  applyConversationTransition(input: { accountId: number; conversationId: number; idempotencyKey: string; transition: Transition }): Promise<void>;
};
