import { describe, expect, it } from 'vitest';
import type { AutomationCondition } from '../../db/schema/index.js';
import { conditionHolds, conditionsHold, evaluateRules, plannedActions, type AutomationFacts } from './automation-rules.js';
import { isInsideBusinessHours, type BusinessHours } from './business-hours.js';

const facts: AutomationFacts = {
  conversation: {
    inboxId: 7,
    channel: 'web_widget',
    status: 'open',
    priority: 'high',
    teamId: 3,
    assigneeId: null,
    labels: ['vip', 'Billing'],
    customAttributes: { plan: 'Enterprise', seats: 40 },
    mailSubject: null,
    browserLanguage: 'pt-BR',
    referer: 'https://shop.example/checkout',
  },
  contact: {
    name: 'Rita Refund',
    email: 'rita@example.com',
    phoneNumber: null,
    city: 'Lisbon',
    country: 'Portugal',
    company: 'Acme',
    customAttributes: { tier: 'gold' },
  },
  message: { content: 'I want a REFUND please', messageType: 'incoming' },
  insideBusinessHours: false,
};

const when = (attribute_key: string, filter_operator: string, values: AutomationCondition['values'] = [], extra: Partial<AutomationCondition> = {}): AutomationCondition => ({
  attribute_key,
  filter_operator,
  values,
  ...extra,
});

describe('one condition of every kind', () => {
  const cases: Array<[string, AutomationCondition, boolean]> = [
    ['content contains (any case)', when('content', 'contains', ['refund']), true],
    ['content contains any of several', when('content', 'contains', ['invoice', 'please']), true],
    ['content does not contain', when('content', 'does_not_contain', ['refund']), false],
    ['content starts with', when('content', 'starts_with', ['i want']), true],
    ['message type', when('message_type', 'equal_to', ['incoming']), true],
    ['inbox equal', when('inbox_id', 'equal_to', [7]), true],
    ['inbox not equal', when('inbox_id', 'not_equal_to', [7, 8]), false],
    ['channel', when('channel', 'equal_to', ['email']), false],
    ['status', when('status', 'equal_to', ['open']), true],
    ['priority', when('priority', 'equal_to', ['high', 'urgent']), true],
    ['team', when('team_id', 'equal_to', [3]), true],
    ['assignee not present', when('assignee_id', 'is_not_present'), true],
    ['label present (any case)', when('labels', 'equal_to', ['billing']), true],
    ['label absent', when('labels', 'not_equal_to', ['spam']), true],
    ['labels present at all', when('labels', 'is_present'), true],
    ['mail subject not present', when('mail_subject', 'is_present'), false],
    ['browser language', when('browser_language', 'equal_to', ['pt-br']), true],
    ['referer contains', when('referer', 'contains', ['/checkout']), true],
    ['contact email', when('email', 'contains', ['@example.com']), true],
    ['contact phone not present', when('phone_number', 'is_not_present'), true],
    ['contact name', when('name', 'starts_with', ['rita']), true],
    ['contact city', when('city', 'equal_to', ['lisbon']), true],
    ['contact country', when('country', 'not_equal_to', ['brazil']), true],
    ['contact company', when('company', 'equal_to', ['acme']), true],
    ['conversation custom attribute', when('plan', 'equal_to', ['enterprise'], { custom_attribute_type: 'conversation_attribute' }), true],
    ['custom attribute greater than', when('seats', 'is_greater_than', [10], { custom_attribute_type: 'conversation_attribute' }), true],
    ['custom attribute less than', when('seats', 'is_less_than', [10], { custom_attribute_type: 'conversation_attribute' }), false],
    ['contact custom attribute', when('tier', 'equal_to', ['gold'], { custom_attribute_type: 'contact_attribute' }), true],
    ['missing custom attribute', when('tier', 'is_present', [], { custom_attribute_type: 'conversation_attribute' }), false],
    ['outside business hours', when('business_hours', 'equal_to', ['outside']), true],
    ['inside business hours', when('business_hours', 'equal_to', ['inside']), false],
    ['unknown attribute never holds', when('nonsense', 'equal_to', ['x']), false],
    ['unknown operator never holds', when('content', 'sounds_like', ['refund']), false],
  ];
  it.each(cases)('%s', (_name, condition, expected) => {
    expect(conditionHolds(condition, facts)).toBe(expected);
  });

  it('a conversation event has no message: content conditions do not hold', () => {
    const { message: _message, ...withoutMessage } = facts;
    expect(conditionHolds(when('content', 'contains', ['refund']), withoutMessage)).toBe(false);
    expect(conditionHolds(when('content', 'is_not_present'), withoutMessage)).toBe(true);
  });
});

describe('AND / OR', () => {
  const yes = (join: 'and' | 'or' | null = null) => when('status', 'equal_to', ['open'], { query_operator: join });
  const no = (join: 'and' | 'or' | null = null) => when('status', 'equal_to', ['resolved'], { query_operator: join });
  const cases: Array<[string, AutomationCondition[], boolean]> = [
    ['no conditions match every event', [], true],
    ['yes', [yes()], true],
    ['no', [no()], false],
    ['yes AND yes', [yes('and'), yes()], true],
    ['yes AND no', [yes('and'), no()], false],
    ['no OR yes', [no('or'), yes()], true],
    ['no OR no', [no('or'), no()], false],
    // AND binds tighter: (yes AND no) OR yes
    ['yes AND no OR yes', [yes('and'), no('or'), yes()], true],
    // no OR (yes AND no)
    ['no OR yes AND no', [no('or'), yes('and'), no()], false],
    // yes OR (no AND no): left to right would give (yes OR no) AND no = false
    ['yes OR no AND no', [yes('or'), no('and'), no()], true],
    // (no AND yes) OR (yes AND yes)
    ['no AND yes OR yes AND yes', [no('and'), yes('or'), yes('and'), yes()], true],
    ['a missing join means AND', [yes(null), no()], false],
  ];
  it.each(cases)('%s', (_name, conditions, expected) => {
    expect(conditionsHold(conditions, facts)).toBe(expected);
  });
});

describe('rules in order', () => {
  const refund = when('content', 'contains', ['refund']);
  const rules = [
    { id: 2, eventName: 'message_created' as const, active: true, conditions: [refund], actions: [{ action_name: 'assign_team', action_params: [3] }, { action_name: 'add_label', action_params: ['refund'] }] },
    { id: 1, eventName: 'message_created' as const, active: false, conditions: [refund], actions: [{ action_name: 'resolve_conversation', action_params: [] }] },
    { id: 3, eventName: 'conversation_created' as const, active: true, conditions: [], actions: [{ action_name: 'mute_conversation', action_params: [] }] },
    { id: 4, eventName: 'message_created' as const, active: true, conditions: [when('content', 'contains', ['invoice'])], actions: [{ action_name: 'send_message', action_params: ['hi'] }] },
    { id: 5, eventName: 'message_created' as const, active: true, conditions: [], actions: [{ action_name: 'change_priority', action_params: ['urgent'] }] },
  ];

  it('skips switched-off rules and other events, keeps the given order, and plans matching rules’ actions in order', () => {
    const verdicts = evaluateRules(rules, 'message_created', facts);
    expect(verdicts.map((v) => [v.ruleId, v.matched])).toEqual([
      [2, true],
      [4, false],
      [5, true],
    ]);
    expect(verdicts[1].conditions).toEqual([false]);
    expect(plannedActions(verdicts).map((p) => [p.ruleId, p.action.action_name])).toEqual([
      [2, 'assign_team'],
      [2, 'add_label'],
      [5, 'change_priority'],
    ]);
  });
});

describe('business hours', () => {
  const weekdays9to17: BusinessHours = {
    enabled: true,
    timezone: 'America/Sao_Paulo',
    days: [0, 1, 2, 3, 4, 5, 6].map((day) => ({
      day_of_week: day,
      closed_all_day: day === 0 || day === 6,
      open_hour: 9,
      open_minutes: 0,
      close_hour: 17,
      close_minutes: 30,
    })),
  };
  const cases: Array<[string, BusinessHours | null, string, boolean]> = [
    ['off: always inside', null, '2026-12-06T03:00:00Z', true],
    ['Wednesday 10:00 in São Paulo (13:00 UTC)', weekdays9to17, '2026-12-02T13:00:00Z', true],
    ['Wednesday 08:59 local', weekdays9to17, '2026-12-02T11:59:00Z', false],
    ['Wednesday 17:29 local', weekdays9to17, '2026-12-02T20:29:00Z', true],
    ['Wednesday 17:30 local (closing time is outside)', weekdays9to17, '2026-12-02T20:30:00Z', false],
    ['Thursday 01:00 UTC is still Wednesday 22:00 local', weekdays9to17, '2026-12-03T01:00:00Z', false],
    ['Sunday closed all day', weekdays9to17, '2026-12-06T14:00:00Z', false],
  ];
  it.each(cases)('%s', (_name, hours, at, expected) => {
    expect(isInsideBusinessHours(hours, new Date(at))).toBe(expected);
  });
});
