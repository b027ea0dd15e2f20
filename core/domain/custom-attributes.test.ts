import { describe, expect, it } from 'vitest';
import { checkCustomAttributeDefinition, checkCustomAttributeValue, checkCustomAttributeValues, mergeCustomAttributes, type CustomAttributeRule } from './custom-attributes.js';

const rule = (type: CustomAttributeRule['attribute_display_type'], extra: Partial<CustomAttributeRule> = {}): CustomAttributeRule => ({
  attribute_key: 'field',
  attribute_display_name: 'Field',
  attribute_display_type: type,
  attribute_values: [],
  regex_pattern: null,
  regex_cue: null,
  ...extra,
});

describe('custom attribute values', () => {
  const accepted: Array<[CustomAttributeRule, unknown, unknown]> = [
    [rule('text'), 'anything', 'anything'],
    [rule('text', { regex_pattern: '^[A-Z]{2}-\\d+$' }), 'AB-12', 'AB-12'],
    [rule('number'), 3.5, 3.5],
    [rule('number'), '-12', -12],
    [rule('currency'), '19.90', 19.9],
    [rule('percent'), 100, 100],
    [rule('percent'), 0, 0],
    [rule('link'), 'https://example.test/a?b=1', 'https://example.test/a?b=1'],
    [rule('date'), '2026-12-02', '2026-12-02'],
    [rule('date'), '2026-12-02T17:00:00Z', '2026-12-02T17:00:00Z'],
    [rule('list', { attribute_values: ['gold', 'silver'] }), 'silver', 'silver'],
    [rule('checkbox'), true, true],
    [rule('checkbox'), false, false],
    [rule('number'), null, null],
    [rule('text', { regex_pattern: '^x$' }), '', null],
  ];
  it.each(accepted)('accepts %j = %j', (definition, value, stored) => {
    expect(checkCustomAttributeValue(definition, value)).toEqual({ ok: true, value: stored });
  });

  const refused: Array<[CustomAttributeRule, unknown, string]> = [
    [rule('text'), 12, 'must be text'],
    [rule('text', { regex_pattern: '^[A-Z]{2}-\\d+$', regex_cue: 'Two capitals, a dash, digits' }), 'ab-12', 'Two capitals, a dash, digits'],
    [rule('text', { regex_pattern: '^\\d+$' }), 'x1', 'does not match'],
    [rule('number'), 'twelve', 'must be a number'],
    [rule('number'), true, 'must be a number'],
    [rule('currency'), '1,5', 'must be a number'],
    [rule('percent'), 101, 'between 0 and 100'],
    [rule('percent'), -1, 'between 0 and 100'],
    [rule('link'), 'example.test', 'http(s) link'],
    [rule('link'), 'javascript:alert(1)', 'http(s) link'],
    [rule('date'), '02/12/2026', 'must be a date'],
    [rule('date'), '2026-13-45', 'must be a date'],
    [rule('list', { attribute_values: ['gold', 'silver'] }), 'bronze', 'one of: gold, silver'],
    [rule('checkbox'), 'yes', 'true or false'],
  ];
  it.each(refused)('refuses %j = %j', (definition, value, reason) => {
    const result = checkCustomAttributeValue(definition, value);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.field).toBe('field');
      expect(result.reason).toContain(reason);
    }
  });

  it('checks a bag of values: defined keys validated, unknown keys untouched, the first bad one named', () => {
    const rules = [rule('number', { attribute_key: 'seats', attribute_display_name: 'Seats' }), rule('checkbox', { attribute_key: 'vip', attribute_display_name: 'VIP' })];
    expect(checkCustomAttributeValues(rules, { seats: '4', free_form: { a: 1 }, vip: null })).toEqual({ ok: true, value: { seats: 4, free_form: { a: 1 }, vip: null } });
    expect(checkCustomAttributeValues(rules, { seats: 4, vip: 'no' })).toEqual({ ok: false, field: 'vip', reason: 'VIP must be true or false' });
    expect(mergeCustomAttributes({ seats: 2, vip: true, hidden: 'kept' }, { seats: 4, vip: null })).toEqual({ seats: 4, hidden: 'kept' });
  });
});

describe('custom attribute definitions', () => {
  type Definition = Parameters<typeof checkCustomAttributeDefinition>[0];
  const base: Definition = { attribute_model: 'contact_attribute', attribute_key: 'plan', attribute_display_type: 'text', attribute_values: [], regex_pattern: null };
  const cases: Array<[Partial<Definition>, string | null]> = [
    [{}, null],
    [{ attribute_key: 'Plan' }, 'attribute_key'],
    [{ attribute_key: 'has space' }, 'attribute_key'],
    [{ attribute_key: 'email' }, 'attribute_key'],
    [{ attribute_model: 'conversation_attribute', attribute_key: 'email' }, null],
    [{ attribute_model: 'conversation_attribute', attribute_key: 'status' }, 'attribute_key'],
    [{ attribute_display_type: 'list' }, 'attribute_values'],
    [{ attribute_display_type: 'list', attribute_values: ['a', 'a'] }, 'attribute_values'],
    [{ attribute_display_type: 'list', attribute_values: ['a', 'b'] }, null],
    [{ attribute_values: ['a'] }, 'attribute_values'],
    [{ regex_pattern: '([' }, 'regex_pattern'],
    [{ attribute_display_type: 'number', regex_pattern: '^\\d$' }, 'regex_pattern'],
    [{ regex_pattern: '^\\d+$' }, null],
  ];
  it.each(cases)('%j → %s', (changes, field) => {
    const result = checkCustomAttributeDefinition({ ...base, ...changes });
    expect(result.ok ? null : result.field).toBe(field);
  });
});
