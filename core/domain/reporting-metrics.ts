/**
 * The metric definitions of the reports, as one pure function of a conversation's history: the
 * same function runs when a message or a status change is written (core/services/reports/sync.ts)
 * and when `npm run reports:rebuild` recomputes everything, so both give exactly the same rows.
 *
 * - first_response: conversation created → the first public reply by a human agent. Private
 *   notes, bot and automation messages and activity lines do not count (Chatwoot's definition).
 * - reply_time: one customer-wait span, from the first customer message after the last agent
 *   reply to the next agent reply; a conversation has one per span (the waiting time sums them).
 *   A resolution ends a span without a reply, and records none.
 * - conversation_resolved: each resolution (a reopened conversation's second resolution counts),
 *   from the conversation's creation or, after a reopening, from the first message after the
 *   previous resolution.
 * - conversation_created, message_incoming, message_outgoing: counted facts.
 * Which agent: a reply's writer; for everything else the conversation's assignee, as now.
 * Business-hours values count only the time inside the inbox's business hours (its time zone).
 */
import { resolvedActivityPrefix, type ActivityEventName } from './activity-messages.js';
import type { BusinessHours } from './business-hours.js';

export type ReportingEventName = 'conversation_created' | 'first_response' | 'reply_time' | 'conversation_resolved' | 'message_incoming' | 'message_outgoing';

export type HistoryMessage = {
  id: number;
  messageType: 'incoming' | 'outgoing' | 'activity' | 'template';
  private: boolean;
  /** An `interrupted` message was stopped in its send window and never sent: it counts for nothing. */
  status: string;
  senderType: 'user' | 'contact' | 'agent_bot' | 'guest' | null;
  senderId: number | null;
  contentAttributes: Record<string, unknown>;
  content: string | null;
  createdAt: Date;
};

export type ConversationHistory = {
  id: number;
  accountId: number;
  inboxId: number;
  createdAt: Date;
  assigneeId: number | null;
  teamId: number | null;
  labelIds: number[];
  messages: HistoryMessage[];
};

export type ComputedReportingEvent = {
  name: ReportingEventName;
  sourceMessageId: number;
  valueMs: number;
  businessValueMs: number;
  eventStartTime: Date;
  eventEndTime: Date;
  userId: number;
  teamId: number;
  labelIds: number[];
};

const resolutionEvents: ReadonlySet<string> = new Set(['status_resolved', 'auto_resolved'] satisfies ActivityEventName[]);

/**
 * A resolution is recorded as its activity line, written in the same transaction as the status change.
 * The line's stored event says so; rows written before activity events existed are read by their text.
 */
export function isResolution(message: HistoryMessage): boolean {
  if (message.messageType !== 'activity' || message.senderType !== null) return false;
  const activity = (message.contentAttributes as { activity?: { event?: unknown } }).activity;
  if (activity && typeof activity.event === 'string') return resolutionEvents.has(activity.event);
  return (message.content ?? '').startsWith(resolvedActivityPrefix);
}

function isHumanReply(message: HistoryMessage): boolean {
  return message.messageType === 'outgoing' && !message.private && message.senderType === 'user' && message.senderId !== null && !('automation_rule_id' in message.contentAttributes);
}

export function conversationReportingEvents(history: ConversationHistory, hours: BusinessHours | null | undefined): ComputedReportingEvent[] {
  const assignee = history.assigneeId ?? 0;
  const teamId = history.teamId ?? 0;
  const labelIds = [...history.labelIds].sort((a, b) => a - b);
  const span = (start: Date, end: Date) => ({ valueMs: Math.max(0, end.getTime() - start.getTime()), businessValueMs: businessMillisecondsBetween(start, end, hours) });
  const events: ComputedReportingEvent[] = [
    { name: 'conversation_created', sourceMessageId: 0, valueMs: 0, businessValueMs: 0, eventStartTime: history.createdAt, eventEndTime: history.createdAt, userId: assignee, teamId, labelIds },
  ];
  const ordered = [...history.messages].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
  let firstReplySeen = false;
  let waitingSince: Date | null = null;
  let resolutionStart: Date | null = history.createdAt;
  for (const message of ordered) {
    if (message.status === 'interrupted') continue;
    const at = message.createdAt;
    const counted = (name: ReportingEventName, userId: number): ComputedReportingEvent => ({ name, sourceMessageId: message.id, valueMs: 0, businessValueMs: 0, eventStartTime: at, eventEndTime: at, userId, teamId, labelIds });
    if (message.messageType !== 'activity' && resolutionStart === null) resolutionStart = at;
    if (message.messageType === 'incoming' && !message.private) {
      events.push(counted('message_incoming', assignee));
      waitingSince ??= at;
    } else if (message.messageType === 'outgoing' && !message.private) {
      const replier = isHumanReply(message) ? message.senderId! : 0;
      events.push(counted('message_outgoing', replier || assignee));
      if (!replier) continue;
      if (!firstReplySeen) {
        firstReplySeen = true;
        events.push({ name: 'first_response', sourceMessageId: message.id, ...span(history.createdAt, at), eventStartTime: history.createdAt, eventEndTime: at, userId: replier, teamId, labelIds });
      }
      if (waitingSince) {
        events.push({ name: 'reply_time', sourceMessageId: message.id, ...span(waitingSince, at), eventStartTime: waitingSince, eventEndTime: at, userId: replier, teamId, labelIds });
        waitingSince = null;
      }
    } else if (isResolution(message)) {
      const start = resolutionStart ?? at;
      // Credited to the assignee (the conversation's current one, so a rebuild agrees).
      events.push({ name: 'conversation_resolved', sourceMessageId: message.id, ...span(start, at), eventStartTime: start, eventEndTime: at, userId: assignee, teamId, labelIds });
      waitingSince = null;
      resolutionStart = null;
    }
  }
  return events;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(at: number, timezone: string) {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timezone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/** How far the zone's wall clock is ahead of UTC at `at`, in ms. */
function zoneOffset(at: number, timezone: string): number {
  const w = wallClock(at, timezone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000;
}

/**
 * The instant a local wall-clock time happens in `timezone`. A time skipped by a DST change lands
 * just after the gap (the later offset), which is where a window opening in the gap really opens.
 */
export function zonedTimeToUtc(year: number, month: number, day: number, minuteOfDay: number, timezone: string): number {
  const asUtc = Date.UTC(year, month - 1, day, 0, minuteOfDay);
  const guess = asUtc - zoneOffset(asUtc, timezone);
  const offset = zoneOffset(guess, timezone);
  const exact = asUtc - offset;
  return zoneOffset(exact, timezone) === offset ? exact : Math.max(guess, exact);
}

/** Milliseconds of [start, end) inside the business hours; all of it when business hours are off. */
export function businessMillisecondsBetween(start: Date, end: Date, hours: BusinessHours | null | undefined): number {
  const from = start.getTime();
  const to = end.getTime();
  if (to <= from) return 0;
  if (!hours?.enabled) return to - from;
  const first = wallClock(from, hours.timezone);
  const last = wallClock(to, hours.timezone);
  let total = 0;
  let cursor = Date.UTC(first.year, first.month - 1, first.day);
  const lastDay = Date.UTC(last.year, last.month - 1, last.day);
  for (; cursor <= lastDay; cursor += 86_400_000) {
    const date = new Date(cursor);
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    const config = hours.days.find((entry) => entry.day_of_week === date.getUTCDay());
    if (!config || config.closed_all_day) continue;
    const opens = config.open_all_day ? 0 : (config.open_hour ?? 0) * 60 + (config.open_minutes ?? 0);
    const closes = config.open_all_day ? 24 * 60 : (config.close_hour ?? 0) * 60 + (config.close_minutes ?? 0);
    if (closes <= opens) continue;
    const windowStart = zonedTimeToUtc(y, m, d, opens, hours.timezone);
    const windowEnd = closes === 24 * 60 ? zonedTimeToUtc(...nextDay(y, m, d), 0, hours.timezone) : zonedTimeToUtc(y, m, d, closes, hours.timezone);
    total += Math.max(0, Math.min(to, windowEnd) - Math.max(from, windowStart));
  }
  return total;
}

function nextDay(y: number, m: number, d: number): [number, number, number] {
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
}
