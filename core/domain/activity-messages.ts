import type { Transition } from '../../workflows/conversation/state.js';

/** Every resolution's activity line starts so; reports recognise resolutions written before activity events existed by it (core/domain/reporting-metrics.ts). */
export const resolvedActivityPrefix = 'Conversation was marked resolved';

/**
 * What an activity message reports, stored with the message in `content_attributes.activity` so
 * each reader sees it in their own language (the console renders it through its dictionaries).
 * Parameters are names as they were at the time, and instants as ISO strings. `content` keeps
 * Chatwoot's English sentence for API clients, webhooks and rows written before events existed.
 */
export type ActivityEvent =
  | { event: 'status_resolved' | 'status_reopened' | 'status_pending'; params: { actor: string | null } }
  | { event: 'status_snoozed'; params: { actor: string | null; until: string | null } }
  | { event: 'reopened_by_contact' | 'snooze_ended'; params: Record<string, never> }
  | { event: 'auto_resolved'; params: { count: number; unit: DurationUnit } }
  | { event: 'muted' | 'unmuted'; params: { actor: string | null } }
  | { event: 'assigned'; params: { assignee: string; actor: string } }
  | { event: 'assigned_by_router'; params: { assignee: string } }
  | { event: 'unassigned'; params: { actor: string } }
  | { event: 'unassigned_on_demotion'; params: { assignee: string; actor: string } }
  | { event: 'team_assigned' | 'team_unassigned'; params: { team: string; actor: string } }
  | { event: 'priority_set'; params: { priority: 'urgent' | 'high' | 'medium' | 'low'; actor: string } }
  | { event: 'priority_removed'; params: { actor: string } }
  | { event: 'labels_added' | 'labels_removed'; params: { labels: string[]; actor: string } };

export type ActivityEventName = ActivityEvent['event'];
export type DurationUnit = 'day' | 'hour' | 'minute' | 'second';

/** Every event name, for tests and renderers that must cover them all. */
export const activityEventNames = [
  'status_resolved',
  'status_reopened',
  'status_pending',
  'status_snoozed',
  'reopened_by_contact',
  'snooze_ended',
  'auto_resolved',
  'muted',
  'unmuted',
  'assigned',
  'assigned_by_router',
  'unassigned',
  'unassigned_on_demotion',
  'team_assigned',
  'team_unassigned',
  'priority_set',
  'priority_removed',
  'labels_added',
  'labels_removed',
] as const satisfies readonly ActivityEventName[];

/** The columns an activity message is stored with: Chatwoot's English text and the event behind it. */
export function activityMessage(event: ActivityEvent): { content: string; contentAttributes: { activity: ActivityEvent } } {
  return { content: describeActivity(event), contentAttributes: { activity: event } };
}

/** The event a lifecycle transition writes. */
export function transitionEvent(transition: Transition, actorName: string | null): ActivityEvent {
  switch (transition.reason) {
    case 'incoming_message':
      return { event: 'reopened_by_contact', params: {} };
    case 'snooze_expired':
      return { event: 'snooze_ended', params: {} };
    case 'auto_resolved':
      return { event: 'auto_resolved', params: durationOfDays(transition.autoResolveDays ?? 0) };
    case 'muted':
      return { event: 'muted', params: { actor: actorName } };
    case 'unmuted':
      return { event: 'unmuted', params: { actor: actorName } };
    case 'requested':
      break;
  }
  switch (transition.to) {
    case 'resolved':
      return { event: 'status_resolved', params: { actor: actorName } };
    case 'open':
      return { event: 'status_reopened', params: { actor: actorName } };
    case 'pending':
      return { event: 'status_pending', params: { actor: actorName } };
    case 'snoozed':
      return { event: 'status_snoozed', params: { actor: actorName, until: transition.snoozedUntil ? new Date(transition.snoozedUntil).toISOString() : null } };
  }
}

/** The sentence an activity message shows to API clients, as Chatwoot words them (English). */
export function describeTransition(transition: Transition, actorName: string | null): string {
  return describeActivity(transitionEvent(transition, actorName));
}

const priorityWords = { urgent: 'Urgent', high: 'High', medium: 'Medium', low: 'Low' } as const;

/** Chatwoot's English sentence for an event. */
export function describeActivity(activity: ActivityEvent): string {
  const by = (actor: string | null) => (actor ? ` by ${actor}` : '');
  switch (activity.event) {
    case 'status_resolved':
      return `${resolvedActivityPrefix}${by(activity.params.actor)}`;
    case 'status_reopened':
      return `Conversation was reopened${by(activity.params.actor)}`;
    case 'status_pending':
      return `Conversation was marked pending${by(activity.params.actor)}`;
    case 'status_snoozed':
      return activity.params.until
        ? `Conversation was snoozed${by(activity.params.actor)} until ${activity.params.until.replace('T', ' ').slice(0, 16)} UTC`
        : `Conversation was snoozed${by(activity.params.actor)} until the next reply`;
    case 'reopened_by_contact':
      return 'Conversation was reopened by a new message from the contact';
    case 'snooze_ended':
      return 'Conversation was reopened: the snooze ended';
    case 'auto_resolved': {
      const { count, unit } = activity.params;
      return `${resolvedActivityPrefix} by system due to ${count} ${unit}${count === 1 ? '' : 's'} of inactivity`;
    }
    case 'muted':
      return `${activity.params.actor ?? 'System'} has muted the conversation`;
    case 'unmuted':
      return `${activity.params.actor ?? 'System'} has unmuted the conversation`;
    case 'assigned':
      return `Assigned to ${activity.params.assignee} by ${activity.params.actor}`;
    case 'assigned_by_router':
      return `Assigned to ${activity.params.assignee} by the inbox router`;
    case 'unassigned':
      return `Conversation unassigned by ${activity.params.actor}`;
    case 'unassigned_on_demotion':
      return `Conversation unassigned: ${activity.params.assignee} was made an agent by ${activity.params.actor} and is not a member of this inbox`;
    case 'team_assigned':
      return `Assigned to team ${activity.params.team} by ${activity.params.actor}`;
    case 'team_unassigned':
      return `Unassigned from team ${activity.params.team} by ${activity.params.actor}`;
    case 'priority_set':
      return `${activity.params.actor} set the priority to ${priorityWords[activity.params.priority]}`;
    case 'priority_removed':
      return `${activity.params.actor} removed the priority`;
    case 'labels_added':
      return `${activity.params.actor} added ${activity.params.labels.join(', ')}`;
    case 'labels_removed':
      return `${activity.params.actor} removed ${activity.params.labels.join(', ')}`;
  }
}

/** A duration in days as the largest unit that counts it whole (short test durations read "5 seconds"). */
export function durationOfDays(days: number): { count: number; unit: DurationUnit } {
  const units: Array<[DurationUnit, number]> = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
    ['second', 1],
  ];
  const seconds = days * 86_400;
  for (const [unit, size] of units) {
    if (seconds >= size && Number.isInteger(Math.round((seconds / size) * 1000) / 1000)) {
      return { count: Math.round(seconds / size), unit };
    }
  }
  return { count: Math.max(1, Math.round(seconds)), unit: 'second' };
}
