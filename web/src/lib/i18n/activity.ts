// Activity lines in the reader's language: the event stored with the message, rendered through the dictionaries.
import type { ActivityEvent } from '../../../../core/domain/activity-messages';
import type { MessageKey } from './en';
import { translate } from './translate';

type ActivitySource = { content?: string | null; content_attributes?: Record<string, unknown> | null };

/** The stored event, if the message has a well-formed one (rows written before events have none). */
export function activityEventOf(message: ActivitySource): ActivityEvent | null {
  const activity = message.content_attributes?.activity as { event?: unknown; params?: unknown } | undefined;
  if (!activity || typeof activity.event !== 'string' || typeof activity.params !== 'object' || activity.params === null) return null;
  return activity as ActivityEvent;
}

/**
 * The activity line as `locale` reads it; the stored English text when the message carries no event
 * or one this console does not know (a newer server). `timeZone` only for tests: readers see their own.
 */
export function renderActivity(locale: string, message: ActivitySource, options: { timeZone?: string } = {}): string {
  const activity = activityEventOf(message);
  const rendered = activity ? renderEvent(locale, activity, options) : null;
  return rendered ?? message.content ?? '';
}

function renderEvent(locale: string, activity: ActivityEvent, options: { timeZone?: string }): string | null {
  const key = (name: string) => `activity.${name}` as MessageKey;
  const t = (name: string, params?: Record<string, string | number>) => translate(locale, key(name), params);
  switch (activity.event) {
    case 'status_resolved':
    case 'status_reopened':
    case 'status_pending':
    case 'muted':
    case 'unmuted':
      return activity.params.actor ? t(`${activity.event}.by`, { actor: activity.params.actor }) : t(activity.event);
    case 'status_snoozed': {
      const { actor, until } = activity.params;
      const name = `${activity.event}${actor ? '.by' : ''}${until ? '.until' : ''}`;
      const untilText = until ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: options.timeZone }).format(new Date(until)) : '';
      return t(name, { actor: actor ?? '', until: untilText });
    }
    case 'reopened_by_contact':
    case 'snooze_ended':
      return t(activity.event);
    case 'auto_resolved': {
      const { count, unit } = activity.params;
      return t(activity.event, { duration: t(`duration.${unit}.${count === 1 ? 'one' : 'other'}`, { count }) });
    }
    case 'assigned':
    case 'assigned_by_router':
    case 'unassigned':
    case 'unassigned_on_demotion':
    case 'team_assigned':
    case 'team_unassigned':
    case 'priority_removed':
      return t(activity.event, activity.params);
    case 'priority_set':
      return t(activity.event, { actor: activity.params.actor, priority: translate(locale, `priority.${activity.params.priority}` as MessageKey) });
    case 'labels_added':
    case 'labels_removed':
      return t(activity.event, { actor: activity.params.actor, labels: new Intl.ListFormat(locale, { type: 'conjunction' }).format(activity.params.labels) });
    default:
      return null;
  }
}
