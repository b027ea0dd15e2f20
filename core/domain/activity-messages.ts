import type { Transition } from '../../workflows/conversation/state.js';

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
    case 'requested':
      break;
  }
  switch (transition.to) {
    case 'resolved':
      return `Conversation was marked resolved${by}`;
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
