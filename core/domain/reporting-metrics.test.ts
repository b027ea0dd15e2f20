import { describe, expect, it } from 'vitest';
import type { BusinessHours } from './business-hours.js';
import { businessMillisecondsBetween, conversationReportingEvents, type ConversationHistory, type HistoryMessage } from './reporting-metrics.js';

const minute = 60_000;
const hour = 60 * minute;

/** Monday to Friday, 09:00–17:00 on the wall clock of `timezone`. */
const officeHours = (timezone: string): BusinessHours => ({
  enabled: true,
  timezone,
  days: [0, 1, 2, 3, 4, 5, 6].map((day) =>
    day === 0 || day === 6
      ? { day_of_week: day, closed_all_day: true, open_hour: null, open_minutes: null, close_hour: null, close_minutes: null }
      : { day_of_week: day, closed_all_day: false, open_hour: 9, open_minutes: 0, close_hour: 17, close_minutes: 0 },
  ),
});

describe('business hours between two moments', () => {
  const cases: Array<{ what: string; start: string; end: string; hours: BusinessHours | null; expected: number }> = [
    { what: 'business hours off: every hour counts', start: '2026-01-09T21:00:00Z', end: '2026-01-12T15:00:00Z', hours: null, expected: 66 * hour },
    { what: 'inside one working day', start: '2026-01-13T15:00:00Z', end: '2026-01-13T16:30:00Z', hours: officeHours('America/New_York'), expected: 90 * minute },
    // Tue 16:00 → Wed 10:00 New York (EST, UTC−5): the night does not count.
    { what: 'a night', start: '2026-01-13T21:00:00Z', end: '2026-01-14T15:00:00Z', hours: officeHours('America/New_York'), expected: 2 * hour },
    // Fri 16:30 → Mon 09:30: the weekend does not count.
    { what: 'a weekend', start: '2026-01-09T21:30:00Z', end: '2026-01-12T14:30:00Z', hours: officeHours('America/New_York'), expected: hour },
    // Fri 6 March 16:00 EST (21:00Z) → Mon 9 March 10:00 EDT (14:00Z): clocks moved on Sunday 8 March,
    // so Monday opens at 13:00Z. A fixed offset would find no Monday hour at all.
    { what: 'a weekend with a DST change', start: '2026-03-06T21:00:00Z', end: '2026-03-09T14:00:00Z', hours: officeHours('America/New_York'), expected: 2 * hour },
    // The same hours in São Paulo (UTC−3, no DST): another zone's wall clock.
    { what: 'another time zone', start: '2026-01-13T11:00:00Z', end: '2026-01-13T13:00:00Z', hours: officeHours('America/Sao_Paulo'), expected: hour },
    { what: 'an empty span', start: '2026-01-13T15:00:00Z', end: '2026-01-13T15:00:00Z', hours: officeHours('America/New_York'), expected: 0 },
  ];
  for (const c of cases) {
    it(c.what, () => {
      expect(businessMillisecondsBetween(new Date(c.start), new Date(c.end), c.hours)).toBe(c.expected);
    });
  }
});

const created = new Date('2026-01-13T15:00:00Z'); // Tuesday 10:00 in New York
const at = (minutes: number) => new Date(created.getTime() + minutes * minute);
let nextId = 1;
const message = (minutes: number, changes: Partial<HistoryMessage>): HistoryMessage => ({
  id: nextId++,
  messageType: 'incoming',
  private: false,
  status: 'sent',
  senderType: 'contact',
  senderId: 7,
  contentAttributes: {},
  content: 'hello',
  createdAt: at(minutes),
  ...changes,
});
const customer = (minutes: number) => message(minutes, {});
const agentReply = (minutes: number, agentId = 3) => message(minutes, { messageType: 'outgoing', senderType: 'user', senderId: agentId });
const resolved = (minutes: number) => message(minutes, { messageType: 'activity', senderType: null, senderId: null, content: 'Conversation was marked resolved by Ana' });
const history = (messages: HistoryMessage[]): ConversationHistory => ({ id: 1, accountId: 1, inboxId: 1, createdAt: created, assigneeId: 3, teamId: null, labelIds: [], messages });
const durations = (events: ReturnType<typeof conversationReportingEvents>, name: string) => events.filter((e) => e.name === name).map((e) => e.valueMs / minute);

describe('metric definitions on small conversations', () => {
  const cases: Array<{ what: string; messages: HistoryMessage[]; expected: Record<string, number[]> }> = [
    {
      what: 'first response ignores private notes, bot, automation and activity messages',
      messages: [
        customer(0),
        message(5, { messageType: 'outgoing', private: true, senderType: 'user', senderId: 3 }),
        message(6, { messageType: 'outgoing', senderType: 'agent_bot', senderId: 1 }),
        message(7, { messageType: 'outgoing', senderType: null, senderId: null, contentAttributes: { automation_rule_id: 4 } }),
        message(8, { messageType: 'activity', senderType: null, senderId: null, content: 'Assigned to Ana by Bruno' }),
        agentReply(30),
      ],
      expected: { first_response: [30], reply_time: [30], conversation_resolved: [] },
    },
    {
      what: 'waiting time has one span per wait, from the first customer message to the reply',
      messages: [customer(0), customer(10), agentReply(20), agentReply(25), customer(60), agentReply(65)],
      expected: { first_response: [20], reply_time: [20, 5], conversation_resolved: [] },
    },
    {
      what: "a reopened conversation's second resolution counts, timed from the reopening",
      messages: [customer(0), agentReply(10), resolved(20), customer(120), agentReply(150), resolved(180)],
      expected: { first_response: [10], reply_time: [10, 30], conversation_resolved: [20, 60] },
    },
    {
      what: 'a reply stopped in its send window (interrupted) is no reply',
      messages: [customer(0), message(5, { messageType: 'outgoing', senderType: 'user', senderId: 3, status: 'interrupted' }), agentReply(9)],
      expected: { first_response: [9], reply_time: [9], conversation_resolved: [] },
    },
    {
      what: 'a resolution ends a wait without a reply, and records no wait',
      messages: [customer(0), resolved(15)],
      expected: { first_response: [], reply_time: [], conversation_resolved: [15] },
    },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const events = conversationReportingEvents(history(c.messages), null);
      for (const [name, values] of Object.entries(c.expected)) expect(durations(events, name), name).toEqual(values);
    });
  }

  it('counts the conversation and its public messages, crediting replies to who wrote them', () => {
    const events = conversationReportingEvents(history([customer(0), message(1, { messageType: 'outgoing', private: true, senderType: 'user', senderId: 5 }), agentReply(2, 9), customer(3)]), null);
    expect(events.filter((e) => e.name === 'conversation_created')).toHaveLength(1);
    expect(events.filter((e) => e.name === 'message_incoming')).toHaveLength(2);
    expect(events.filter((e) => e.name === 'message_outgoing').map((e) => e.userId)).toEqual([9]);
    expect(events.find((e) => e.name === 'first_response')?.userId).toBe(9);
  });

  it('business-hours values leave out the night', () => {
    // Customer writes Tuesday 16:30 New York, the reply comes Wednesday 09:30: 17 hours, 1 in business hours.
    const events = conversationReportingEvents({ ...history([customer(390), agentReply(390 + 17 * 60)]) }, officeHours('America/New_York'));
    const wait = events.find((e) => e.name === 'reply_time')!;
    expect(wait.valueMs).toBe(17 * hour);
    expect(wait.businessValueMs).toBe(hour);
  });
});
