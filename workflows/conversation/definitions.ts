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
  /**
   * How long a conversation in any other status (without a snooze timer) may stay quiet before its
   * workflow completes; the next status change or customer message starts it again from Postgres.
   */
  idleCompletionMs?: number;
  /** Carried across continue-as-new so activity idempotency keys never repeat. */
  transitionCount?: number;
  /** Carried across continue-as-new: when the last transition was decided (ISO), to ignore older notices. */
  lastDecidedAt?: string | null;
  /** Carried across continue-as-new: message ids whose notice was already handled. */
  handledMessageIds?: number[];
  /** A muted conversation stays resolved when the customer writes, until it is unmuted. */
  muted?: boolean;
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

/**
 * A customer wrote. `sentAt` (the message's stored time, ISO) lets the workflow ignore a notice for a
 * message older than its last transition, e.g. one delivered late after the agent resolved again.
 */
export type IncomingMessageNotice = { messageId: number; sentAt?: string };

export type LifecycleSnapshot = {
  status: ConversationStatus;
  snoozedUntil: string | null;
  transitionCount: number;
  muted?: boolean;
};

/** Mute resolves the conversation and keeps it resolved on customer messages; unmute lets the next one reopen it. */
export type SetMutedRequest = { muted: boolean; actor: LifecycleActor };
export type SetMutedResult = { status: ConversationStatus; muted: boolean; changed: boolean };

/**
 * What the auto-resolve check reads at its timer: the account's setting and the conversation's last
 * message, so a changed setting or a new message needs no signal. `dueAt` is null when it is off.
 */
export type AutoResolveDeadline = { dueAt: string | null; durationDays: number | null; conversationGone?: boolean };

export const changeStatusUpdate = defineUpdate<ChangeStatusResult, [ChangeStatusRequest]>('changeStatus');
export const incomingMessageSignal = defineSignal<[IncomingMessageNotice]>('incomingMessage');
export const setMutedUpdate = defineUpdate<SetMutedResult, [SetMutedRequest]>('setMuted');
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
  applyConversationTransition(input: { accountId: number; conversationId: number; idempotencyKey: string; transition: Transition }): Promise<TransitionOutcome | void>;
  readAutoResolveDeadline(input: { accountId: number; conversationId: number }): Promise<AutoResolveDeadline>;
};

export type TransitionOutcome = {
  /**
   * Customer messages stored after the workflow decided to resolve or snooze but before the write
   * committed: they saw the conversation still open, so no notice was queued for them. The
   * workflow handles them as notices, so the customer is not left in a resolved conversation.
   */
  lateIncomingMessages: IncomingMessageNotice[];
  /** The conversation no longer exists (its inbox or contact was deleted): the workflow completes. */
  conversationGone?: boolean;
};
