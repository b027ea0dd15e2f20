import type { Transition } from '../../workflows/conversation/state.js';

/** Every resolution's activity line starts so; reports recognise resolutions by it (core/domain/reporting-metrics.ts). */
export const resolvedActivityPrefix = 'Conversation was marked resolved';

/**
 * The sentence an activity message shows in the conversation, as Chatwoot words them. Stored as
 * text, so it reads the same in transcripts and API clients.
 */
export function describeTransition(transition: Transition, actorName: string | null): string {
  const by = actorName ? ` by ${actorName}` : '';
  switch (transition.reason) {
    case 'incoming_message':
      return 'Conversation was reopened by a new message from the contact';
    case 'snooze_expired':
      return 'Conversation was reopened: the snooze ended';
    case 'auto_resolved':
      return `${resolvedActivityPrefix} by system due to ${describeDays(transition.autoResolveDays ?? 0)} of inactivity`;
    case 'muted':
      return `${actorName ?? 'System'} has muted the conversation`;
    case 'unmuted':
      return `${actorName ?? 'System'} has unmuted the conversation`;
    case 'requested':
      break;
  }
  switch (transition.to) {
    case 'resolved':
      return `${resolvedActivityPrefix}${by}`;
    case 'open':
      return `Conversation was reopened${by}`;
    case 'pending':
      return `Conversation was marked pending${by}`;
    case 'snoozed':
      return transition.snoozedUntil
        ? `Conversation was snoozed${by} until ${new Date(transition.snoozedUntil).toISOString().replace('T', ' ').slice(0, 16)} UTC`
        : `Conversation was snoozed${by} until the next reply`;
  }
}

/** "2 days", or for short test durations the largest whole unit ("5 seconds"). */
export function describeDays(days: number): string {
  const units: Array<[string, number]> = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
    ['second', 1],
  ];
  const seconds = days * 86_400;
  for (const [unit, size] of units) {
    if (seconds >= size && Number.isInteger(Math.round((seconds / size) * 1000) / 1000)) {
      const count = Math.round(seconds / size);
      return `${count} ${unit}${count === 1 ? '' : 's'}`;
    }
  }
  const count = Math.max(1, Math.round(seconds));
  return `${count} second${count === 1 ? '' : 's'}`;
}
