import type { ConversationStatus } from './definitions.js';

/**
 * The conversation status rules, shared by the workflow (which enforces them) and the API (which
 * checks requests early for a clear error). Pure: no clock, no I/O.
 */
export type StatusChangeCheck = { ok: true } | { ok: false; field: 'status' | 'snoozed_until'; message: string };

export function checkStatusChange(request: { status: ConversationStatus; snoozedUntil?: string | null }, nowMs: number): StatusChangeCheck {
  if (request.snoozedUntil != null) {
    if (request.status !== 'snoozed') return { ok: false, field: 'snoozed_until', message: 'snoozed_until is only allowed with status snoozed' };
    const until = Date.parse(request.snoozedUntil);
    if (Number.isNaN(until)) return { ok: false, field: 'snoozed_until', message: 'snoozed_until is not a valid time' };
    if (until <= nowMs) return { ok: false, field: 'snoozed_until', message: 'snoozed_until must be in the future' };
  }
  return { ok: true };
}

/** Whether asking for `requested` while in `current` changes anything (resolving a resolved conversation does not). */
export function isStatusChange(
  current: { status: ConversationStatus; snoozedUntil: string | null },
  requested: { status: ConversationStatus; snoozedUntil?: string | null },
): boolean {
  if (current.status !== requested.status) return true;
  return requested.status === 'snoozed' && (requested.snoozedUntil ?? null) !== current.snoozedUntil;
}

/** A customer writing wakes a conversation that is resolved or snoozed; open and pending ones stay as they are. */
export const reopensOnIncomingMessage = (status: ConversationStatus) => status === 'resolved' || status === 'snoozed';

/** The toggle of Chatwoot's `toggle_status` without a status: open ⇄ resolved, anything else opens. */
export const toggledStatus = (current: ConversationStatus): ConversationStatus => (current === 'open' ? 'resolved' : 'open');
