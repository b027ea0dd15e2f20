import { describe, expect, it } from 'vitest';
import { ConversationLifecycleState, InvalidTransitionError } from './state.js';
import { checkStatusChange, toggledStatus } from './status-rules.js';

const now = Date.parse('2026-01-01T10:00:00Z');
const agent = { type: 'user' as const, id: 7 };

describe('conversation status rules', () => {
  it('resolving a resolved conversation decides nothing', () => {
    const state = new ConversationLifecycleState({ conversationId: 1, accountId: 1, status: 'resolved' });
    expect(state.requestChange({ status: 'resolved', actor: agent })).toBeUndefined();
  });

  it('a snooze must end in the future and only goes with status snoozed', () => {
    expect(checkStatusChange({ status: 'snoozed', snoozedUntil: '2026-01-01T09:00:00Z' }, now)).toMatchObject({ ok: false, field: 'snoozed_until' });
    expect(checkStatusChange({ status: 'open', snoozedUntil: '2026-01-02T09:00:00Z' }, now)).toMatchObject({ ok: false, field: 'snoozed_until' });
    expect(checkStatusChange({ status: 'snoozed', snoozedUntil: '2026-01-02T09:00:00Z' }, now)).toEqual({ ok: true });
    const state = new ConversationLifecycleState({ conversationId: 1, accountId: 1, status: 'open' });
    expect(() => state.validate({ status: 'snoozed', snoozedUntil: 'yesterday', actor: agent }, now)).toThrow(InvalidTransitionError);
  });

  it('a customer message reopens resolved and snoozed conversations only', () => {
    for (const status of ['resolved', 'snoozed'] as const) {
      const state = new ConversationLifecycleState({ conversationId: 1, accountId: 1, status });
      expect(state.incomingMessage()).toMatchObject({ from: status, to: 'open', reason: 'incoming_message' });
    }
    for (const status of ['open', 'pending'] as const) {
      expect(new ConversationLifecycleState({ conversationId: 1, accountId: 1, status }).incomingMessage()).toBeUndefined();
    }
  });

  it('a notice acts once per message, and not for a message older than the last transition', () => {
    const state = new ConversationLifecycleState({ conversationId: 1, accountId: 1, status: 'resolved', lastDecidedAt: '2026-01-01T10:00:00Z' });
    expect(state.incomingMessageNotice({ messageId: 3, sentAt: '2026-01-01T09:59:59Z' })).toBeUndefined();
    const reopen = state.incomingMessageNotice({ messageId: 4, sentAt: '2026-01-01T10:00:01Z' })!;
    expect(reopen).toMatchObject({ to: 'open', reason: 'incoming_message' });
    state.apply({ ...reopen, decidedAt: '2026-01-01T10:00:02Z' });
    state.apply({ ...state.requestChange({ status: 'resolved', actor: agent })!, decidedAt: '2026-01-01T10:05:00Z' });
    expect(state.incomingMessageNotice({ messageId: 4 })).toBeUndefined();
    expect(state.carriedOver()).toMatchObject({ status: 'resolved', lastDecidedAt: '2026-01-01T10:05:00Z', handledMessageIds: [4, 3] });
  });

  it('the snooze timer reopens only a snooze that is still due', () => {
    const state = new ConversationLifecycleState({ conversationId: 1, accountId: 1, status: 'snoozed', snoozedUntil: '2026-01-01T11:00:00Z' });
    expect(state.msUntilWake(now)).toBe(60 * 60 * 1000);
    expect(state.snoozeExpired(now)).toBeUndefined();
    expect(state.snoozeExpired(Date.parse('2026-01-01T11:00:00Z'))).toMatchObject({ to: 'open', reason: 'snooze_expired' });
  });

  it('every decision gets a new sequence number, carried across continue-as-new', () => {
    const state = new ConversationLifecycleState({ conversationId: 1, accountId: 1, status: 'open', transitionCount: 41 });
    const first = state.requestChange({ status: 'resolved', actor: agent })!;
    state.apply(first);
    const second = state.requestChange({ status: 'open', actor: agent })!;
    expect([first.sequence, second.sequence]).toEqual([42, 43]);
  });

  it('toggling without a status flips open and resolved, and opens anything else', () => {
    expect(toggledStatus('open')).toBe('resolved');
    expect(toggledStatus('resolved')).toBe('open');
    expect(toggledStatus('snoozed')).toBe('open');
  });
});
