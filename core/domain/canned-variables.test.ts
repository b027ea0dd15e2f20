import { describe, expect, it } from 'vitest';
import { cannedVariableNames, fillCannedResponse, unresolvedCannedVariables, type CannedVariableContext } from './canned-variables.js';

const full: CannedVariableContext = {
  contact: { id: 42, name: 'Maria da Silva Souza', email: 'maria@example.test', phone_number: '+5511999990000', custom_attributes: { plan: 'gold', seats: 40 } },
  conversation: { id: 7, custom_attributes: { order_id: 'A-19', paid: false } },
  agent: { name: 'João Pereira', email: 'joao@parley.test' },
};

describe('canned response variables', () => {
  const cases: Array<[template: string, filled: string]> = [
    ['{{contact.name}}', 'Maria da Silva Souza'],
    ['{{contact.first_name}}', 'Maria'],
    ['{{contact.last_name}}', 'Souza'],
    ['{{contact.email}}', 'maria@example.test'],
    ['{{contact.phone}}', '+5511999990000'],
    ['{{contact.id}}', '42'],
    ['{{conversation.id}}', '7'],
    ['{{agent.name}}', 'João Pereira'],
    ['{{agent.first_name}}', 'João'],
    ['{{agent.last_name}}', 'Pereira'],
    ['{{agent.email}}', 'joao@parley.test'],
    ['{{contact.custom_attribute.plan}}', 'gold'],
    ['{{contact.custom_attribute.seats}}', '40'],
    ['{{conversation.custom_attribute.order_id}}', 'A-19'],
    ['{{conversation.custom_attribute.paid}}', 'false'],
    ['{{ contact.first_name }}', 'Maria'],
  ];

  it.each(cases)('fills %s', (template, filled) => {
    expect(fillCannedResponse(`Hi ${template}!`, full)).toEqual({ text: `Hi ${filled}!`, unresolved: [] });
  });

  it('has a case for every documented variable', () => {
    for (const name of cannedVariableNames) expect(cases.some(([template]) => template === `{{${name}}}`), name).toBe(true);
  });

  const missing: CannedVariableContext = {
    contact: { id: 3, name: 'Cher', email: null, phone_number: '', custom_attributes: {} },
    conversation: { id: 9, custom_attributes: null },
    agent: { name: 'Ana', email: 'ana@parley.test' },
  };
  const undefinedCases = [
    '{{contact.email}}', // null
    '{{contact.phone}}', // empty
    '{{contact.last_name}}', // one-word name
    '{{agent.last_name}}',
    '{{contact.custom_attribute.plan}}', // not set
    '{{conversation.custom_attribute.order_id}}', // no attributes at all
    '{{contact.shoe_size}}', // not a variable
    '{{account.name}}',
  ];

  it.each(undefinedCases)('leaves %s in the text and flags it', (template) => {
    expect(fillCannedResponse(`Dear {{contact.first_name}}, ${template}.`, missing)).toEqual({ text: `Dear Cher, ${template}.`, unresolved: [template] });
  });

  it('flags each undefined variable once, in order, and fills the rest around them', () => {
    const result = fillCannedResponse('{{contact.email}} / {{agent.name}} / {{contact.phone}} / {{contact.email}}', missing);
    expect(result).toEqual({ text: '{{contact.email}} / Ana / {{contact.phone}} / {{contact.email}}', unresolved: ['{{contact.email}}', '{{contact.phone}}'] });
  });

  it('fills nothing without a context, flagging everything', () => {
    expect(fillCannedResponse('{{contact.name}} {{agent.email}}', {}).unresolved).toEqual(['{{contact.name}}', '{{agent.email}}']);
  });

  it('finds variables still left in a draft (what sending asks about)', () => {
    expect(unresolvedCannedVariables('Hello {{contact.email}}, see {{ agent.name }} and {{contact.email}}')).toEqual(['{{contact.email}}', '{{ agent.name }}']);
    expect(unresolvedCannedVariables('Hello {not a variable} {{}}')).toEqual([]);
  });
});
