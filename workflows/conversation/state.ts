import type { ChangeStatusRequest, ConversationLifecycleInput, ConversationStatus, LifecycleActor, LifecycleSnapshot } from './definitions.js';
import { checkStatusChange, isStatusChange, reopensOnIncomingMessage } from './status-rules.js';

/** A status change the workflow has decided on and must now write through an activity. */
export type Transition = {
  /** Increments per decision; with the workflow id it forms the activity's idempotency key. */
  sequence: number;
  from: ConversationStatus;
  to: ConversationStatus;
  snoozedUntil: string | null;
  actor: LifecycleActor;
  reason: 'requested' | 'incoming_message' | 'snooze_expired';
};

/** The lifecycle's state and decisions, free of Temporal APIs so unit tests drive it directly. */
export class ConversationLifecycleState {
  status: ConversationStatus;
  snoozedUntil: string | null;
  transitionCount: number;
  /** Bumped on every change, so the main loop can tell "something happened" from "the timer fired". */
  version = 0;

  constructor(input: ConversationLifecycleInput) {
    this.status = input.status;
    this.snoozedUntil = input.status === 'snoozed' ? (input.snoozedUntil ?? null) : null;
    this.transitionCount = input.transitionCount ?? 0;
  }

  validate(request: ChangeStatusRequest, nowMs: number): void {
    const check = checkStatusChange(request, nowMs);
    if (!check.ok) throw new InvalidTransitionError(check.message, check.field);
  }

  requestChange(request: ChangeStatusRequest): Transition | undefined {
    const snoozedUntil = request.status === 'snoozed' ? (request.snoozedUntil ?? null) : null;
    if (!isStatusChange(this, { status: request.status, snoozedUntil })) return undefined;
    return this.transition(request.status, snoozedUntil, request.actor, 'requested');
  }

  incomingMessage(): Transition | undefined {
    if (!reopensOnIncomingMessage(this.status)) return undefined;
    return this.transition('open', null, { type: 'contact' }, 'incoming_message');
  }

  /** Called when the snooze timer fires; a no-op if the snooze was changed meanwhile. */
  snoozeExpired(nowMs: number): Transition | undefined {
    if (this.status !== 'snoozed' || !this.snoozedUntil || Date.parse(this.snoozedUntil) > nowMs) return undefined;
    return this.transition('open', null, { type: 'system' }, 'snooze_expired');
  }

  /** Milliseconds until the snooze ends, or undefined when no timer should run. */
  msUntilWake(nowMs: number): number | undefined {
    if (this.status !== 'snoozed' || !this.snoozedUntil) return undefined;
    return Math.max(0, Date.parse(this.snoozedUntil) - nowMs);
  }

  apply(transition: Transition): void {
    this.status = transition.to;
    this.snoozedUntil = transition.snoozedUntil;
    this.version += 1;
  }

  snapshot(): LifecycleSnapshot {
    return { status: this.status, snoozedUntil: this.snoozedUntil, transitionCount: this.transitionCount };
  }

  private transition(to: ConversationStatus, snoozedUntil: string | null, actor: LifecycleActor, reason: Transition['reason']): Transition {
    this.transitionCount += 1;
    return { sequence: this.transitionCount, from: this.status, to, snoozedUntil, actor, reason };
  }
}

export class InvalidTransitionError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'InvalidTransitionError';
  }
}
