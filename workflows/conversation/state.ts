import type {
  ChangeStatusRequest,
  ConversationLifecycleInput,
  ConversationStatus,
  IncomingMessageNotice,
  LifecycleActor,
  LifecycleSnapshot,
  SetMutedRequest,
} from './definitions.js';
import { checkStatusChange, isStatusChange, reopensOnIncomingMessage } from './status-rules.js';

/** A status change the workflow has decided on and must now write through an activity. */
export type Transition = {
  /** Increments per decision; with the workflow id it forms the activity's idempotency key. */
  sequence: number;
  from: ConversationStatus;
  to: ConversationStatus;
  snoozedUntil: string | null;
  actor: LifecycleActor;
  reason: 'requested' | 'incoming_message' | 'snooze_expired' | 'auto_resolved' | 'muted' | 'unmuted';
  /** Set by mute and unmute: the muted flag the activity writes with the status. */
  muted?: boolean;
  /** With `auto_resolved`: the account's setting that applied, for the activity message. */
  autoResolveDays?: number;
  /** Workflow time (ISO) of the decision; customer messages stored after it may not be left unanswered. */
  decidedAt?: string;
};

/** The lifecycle's state and decisions, free of Temporal APIs so unit tests drive it directly. */
export class ConversationLifecycleState {
  status: ConversationStatus;
  snoozedUntil: string | null;
  transitionCount: number;
  /** Bumped on every change, so the main loop can tell "something happened" from "the timer fired". */
  version = 0;
  /** When the last applied transition was decided; notices for messages stored before it are stale. */
  lastDecidedAt: string | null;
  /** Most recent first-seen message ids, so a notice delivered twice (API and sweeper) acts once. */
  handledMessageIds: number[];
  muted: boolean;

  constructor(input: ConversationLifecycleInput) {
    this.status = input.status;
    this.snoozedUntil = input.status === 'snoozed' ? (input.snoozedUntil ?? null) : null;
    this.transitionCount = input.transitionCount ?? 0;
    this.lastDecidedAt = input.lastDecidedAt ?? null;
    this.handledMessageIds = input.handledMessageIds ?? [];
    this.muted = input.muted ?? false;
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

  /**
   * A customer's message notice: acts once per message id, and not at all for a message stored
   * before the last transition was decided (the agent resolved after reading it).
   */
  incomingMessageNotice(notice: IncomingMessageNotice, options: { respectMute?: boolean } = {}): Transition | undefined {
    if (this.handledMessageIds.includes(notice.messageId)) return undefined;
    this.handledMessageIds = [notice.messageId, ...this.handledMessageIds].slice(0, handledMessageIdsKept);
    if (notice.sentAt && this.lastDecidedAt && Date.parse(notice.sentAt) < Date.parse(this.lastDecidedAt)) return undefined;
    // Muted: the customer's message is stored and shown, but the conversation stays resolved.
    if (options.respectMute && this.muted) return undefined;
    return this.incomingMessage();
  }

  /** Mute resolves (if it was not) and marks the conversation muted; muting a muted one changes nothing. */
  requestMute(request: SetMutedRequest): Transition | undefined {
    if (request.muted === this.muted && (!request.muted || this.status === 'resolved')) return undefined;
    const to = request.muted ? 'resolved' : this.status;
    return { ...this.transition(to, to === 'snoozed' ? this.snoozedUntil : null, request.actor, request.muted ? 'muted' : 'unmuted'), muted: request.muted };
  }

  /** The auto-resolve timer found the conversation quiet for the account's duration. */
  autoResolve(durationDays: number): Transition | undefined {
    if (this.status !== 'open') return undefined;
    return { ...this.transition('resolved', null, { type: 'system' }, 'auto_resolved'), autoResolveDays: durationDays };
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
    if (transition.decidedAt) this.lastDecidedAt = transition.decidedAt;
    if (transition.muted !== undefined) this.muted = transition.muted;
    this.version += 1;
  }

  snapshot(): LifecycleSnapshot {
    return { status: this.status, snoozedUntil: this.snoozedUntil, transitionCount: this.transitionCount, muted: this.muted };
  }

  /** What continue-as-new carries over, so the next run decides exactly as this one would. */
  carriedOver(): Pick<ConversationLifecycleInput, 'status' | 'snoozedUntil' | 'transitionCount' | 'lastDecidedAt' | 'handledMessageIds' | 'muted'> {
    return {
      status: this.status,
      snoozedUntil: this.snoozedUntil,
      transitionCount: this.transitionCount,
      lastDecidedAt: this.lastDecidedAt,
      handledMessageIds: this.handledMessageIds,
      ...(this.muted ? { muted: true } : {}),
    };
  }

  private transition(to: ConversationStatus, snoozedUntil: string | null, actor: LifecycleActor, reason: Transition['reason']): Transition {
    this.transitionCount += 1;
    return { sequence: this.transitionCount, from: this.status, to, snoozedUntil, actor, reason };
  }
}

/** Enough to cover a notice delivered by both the API and the outbox sweeper; bounded so history stays small. */
const handledMessageIdsKept = 100;

export class InvalidTransitionError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'InvalidTransitionError';
  }
}
