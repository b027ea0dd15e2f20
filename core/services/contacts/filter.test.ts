import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { contacts } from '../../../db/schema/index.js';
import type { FilterConditionInput } from '../../domain/filters.js';
import { createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';
import type { ServiceContext } from '../../context.js';
import { filterContactsPage } from './filter.js';
import { setContactLabels } from './labels.js';

/**
 * The filter compiler against real Postgres: every operator of every value type, and Chatwoot's
 * AND-before-OR precedence, over four contacts whose facts are chosen so each row tells them apart.
 */
describe('the contact filter compiler', () => {
  let stack: TestStack;
  let account: TestAccount;
  let ctx: ServiceContext;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    ctx = { ...stack.deps, actor: { userId: account.admin.id, accountId: account.account.id, role: 'administrator' } };
    const people = [
      {
        name: 'Ana Lima', email: 'ana@acme.test', phoneNumber: '+5511900000001', identifier: 'crm-1',
        additionalAttributes: { city: 'São Paulo', country: 'Brazil', countryCode: 'BR' },
        customAttributes: { plan: 'gold', seats: 10, vip: true, renewal: '2025-03-01' },
        createdAt: '2024-01-10T12:00:00Z', lastActivityAt: '2024-06-01T12:00:00Z', labels: ['vip'],
      },
      {
        name: 'Bruno Costa', email: 'bruno@globex.test',
        additionalAttributes: { city: 'Rio de Janeiro', country: 'Brazil', countryCode: 'BR' },
        customAttributes: { plan: 'silver', seats: 3, vip: false },
        createdAt: '2024-03-05T09:00:00Z', lastActivityAt: null, labels: ['lead'],
      },
      {
        name: 'Carla Dias', phoneNumber: '+5521900000003', identifier: 'crm-3',
        additionalAttributes: { city: 'Lisboa', country: 'Portugal', countryCode: 'PT' },
        // Stored by a client as text: still compares as a number.
        customAttributes: { plan: 'gold', seats: '25', renewal: '2024-12-31' },
        createdAt: '2024-05-20T10:00:00Z', lastActivityAt: '2024-05-21T10:00:00Z', labels: ['vip', 'lead'],
      },
      { name: 'Dan Ek', email: 'dan@acme.test', additionalAttributes: {}, customAttributes: {}, createdAt: '2023-12-31T23:30:00Z', lastActivityAt: null, labels: [] },
    ];
    for (const { createdAt, lastActivityAt, labels, ...person } of people) {
      const row = await insertContact(stack.db, { accountId: account.account.id, ...person });
      await stack.db
        .update(contacts)
        .set({ createdAt: new Date(createdAt), lastActivityAt: lastActivityAt ? new Date(lastActivityAt) : null })
        .where(eq(contacts.id, row.id));
      if (labels.length) await setContactLabels(ctx, row.id, labels);
    }
    // Another account's lookalike must never match.
    const other = await createTestAccount(stack);
    await insertContact(stack.db, { accountId: other.account.id, name: 'Ana Lima', email: 'ana@acme.test' });
  });
  afterAll(() => stack.close());

  const names = async (payload: FilterConditionInput[]) =>
    (await filterContactsPage(ctx, { page: 1, sort: 'name', payload })).payload.map((contact) => contact.name.split(' ')[0]);
  const one = (attribute_key: string, filter_operator: string, values?: unknown, custom_attribute_type?: string): FilterConditionInput[] => [
    { attribute_key, filter_operator, values, custom_attribute_type, query_operator: null },
  ];

  const table: Array<[string, FilterConditionInput[], string[]]> = [
    // text, standard columns and additional attributes
    ['name equal_to ignores case', one('name', 'equal_to', ['ana lima']), ['Ana']],
    ['name equal_to any of several', one('name', 'equal_to', ['Ana Lima', 'Dan Ek']), ['Ana', 'Dan']],
    ['name not_equal_to', one('name', 'not_equal_to', ['Ana Lima']), ['Bruno', 'Carla', 'Dan']],
    ['email contains', one('email', 'contains', ['ACME']), ['Ana', 'Dan']],
    ['email does_not_contain counts a missing email', one('email', 'does_not_contain', ['acme']), ['Bruno', 'Carla']],
    ['name contains treats % as a character', one('name', 'contains', ['%']), []],
    ['phone_number is_present', one('phone_number', 'is_present'), ['Ana', 'Carla']],
    ['phone_number is_not_present', one('phone_number', 'is_not_present'), ['Bruno', 'Dan']],
    ['identifier equal_to', one('identifier', 'equal_to', ['crm-3']), ['Carla']],
    ['city contains', one('city', 'contains', ['rio']), ['Bruno']],
    ['country equal_to', one('country', 'equal_to', ['portugal']), ['Carla']],
    ['country_code not_equal_to counts a missing one', one('country_code', 'not_equal_to', ['BR']), ['Carla', 'Dan']],
    ['city is_not_present', one('city', 'is_not_present'), ['Dan']],
    // dates
    ['created_at is_greater_than', one('created_at', 'is_greater_than', '2024-03-01'), ['Bruno', 'Carla']],
    ['created_at is_less_than', one('created_at', 'is_less_than', ['2024-01-01']), ['Dan']],
    ['created_at equal_to a day', one('created_at', 'equal_to', ['2024-03-05']), ['Bruno']],
    ['created_at not_equal_to a day', one('created_at', 'not_equal_to', ['2024-03-05']), ['Ana', 'Carla', 'Dan']],
    ['last_activity_at is_present', one('last_activity_at', 'is_present'), ['Ana', 'Carla']],
    ['last_activity_at is_not_present', one('last_activity_at', 'is_not_present'), ['Bruno', 'Dan']],
    ['last_activity_at days_before', one('last_activity_at', 'days_before', ['30']), ['Ana', 'Carla']],
    ['created_at days_before a century', one('created_at', 'days_before', [36_500]), []],
    // labels
    ['labels equal_to', one('labels', 'equal_to', ['vip']), ['Ana', 'Carla']],
    ['labels equal_to either', one('labels', 'equal_to', ['VIP', 'lead']), ['Ana', 'Bruno', 'Carla']],
    ['labels not_equal_to', one('labels', 'not_equal_to', ['vip']), ['Bruno', 'Dan']],
    ['labels is_present', one('labels', 'is_present'), ['Ana', 'Bruno', 'Carla']],
    ['labels is_not_present', one('labels', 'is_not_present'), ['Dan']],
    // custom attributes, text
    ['custom text equal_to', one('plan', 'equal_to', ['Gold'], 'text'), ['Ana', 'Carla']],
    ['custom text not_equal_to', one('plan', 'not_equal_to', ['gold'], 'list'), ['Bruno', 'Dan']],
    ['custom text contains', one('plan', 'contains', ['ilv'], 'text'), ['Bruno']],
    ['custom text does_not_contain', one('plan', 'does_not_contain', ['old'], 'text'), ['Bruno', 'Dan']],
    ['custom text is_present (type from the values)', one('plan', 'is_present'), ['Ana', 'Bruno', 'Carla']],
    ['custom text is_not_present', one('plan', 'is_not_present', undefined, 'text'), ['Dan']],
    // custom attributes, number
    ['custom number is_greater_than reads numeric text', one('seats', 'is_greater_than', [5], 'number'), ['Ana', 'Carla']],
    ['custom number is_less_than', one('seats', 'is_less_than', ['5'], 'currency'), ['Bruno']],
    ['custom number equal_to (type from the values)', one('seats', 'equal_to', [3]), ['Bruno']],
    ['custom number not_equal_to', one('seats', 'not_equal_to', [3], 'percent'), ['Ana', 'Carla', 'Dan']],
    ['custom number is_present', one('seats', 'is_present', undefined, 'number'), ['Ana', 'Bruno', 'Carla']],
    ['custom number is_not_present', one('seats', 'is_not_present', undefined, 'number'), ['Dan']],
    // custom attributes, checkbox
    ['custom checkbox equal_to', one('vip', 'equal_to', [true], 'checkbox'), ['Ana']],
    ['custom checkbox not_equal_to', one('vip', 'not_equal_to', ['true'], 'checkbox'), ['Bruno', 'Carla', 'Dan']],
    ['custom checkbox is_present', one('vip', 'is_present', undefined, 'checkbox'), ['Ana', 'Bruno']],
    ['custom checkbox is_not_present', one('vip', 'is_not_present', undefined, 'checkbox'), ['Carla', 'Dan']],
    // custom attributes, date
    ['custom date is_greater_than', one('renewal', 'is_greater_than', ['2025-01-01'], 'date'), ['Ana']],
    ['custom date is_less_than (type from the values)', one('renewal', 'is_less_than', ['2025-01-01']), ['Carla']],
    ['custom date equal_to', one('renewal', 'equal_to', ['2024-12-31'], 'date'), ['Carla']],
    ['custom date not_equal_to', one('renewal', 'not_equal_to', ['2024-12-31'], 'date'), ['Ana', 'Bruno', 'Dan']],
    ['custom date days_before', one('renewal', 'days_before', [1]), ['Ana', 'Carla']],
    ['custom date is_present', one('renewal', 'is_present', undefined, 'date'), ['Ana', 'Carla']],
    ['custom date is_not_present', one('renewal', 'is_not_present', undefined, 'date'), ['Bruno', 'Dan']],
    // AND binds tighter than OR, as in Chatwoot's generated SQL
    [
      'a OR b AND c is a OR (b AND c)',
      [
        { attribute_key: 'city', filter_operator: 'contains', values: ['rio'], query_operator: 'or' },
        { attribute_key: 'email', filter_operator: 'contains', values: ['acme'], query_operator: 'and' },
        { attribute_key: 'labels', filter_operator: 'equal_to', values: ['vip'], query_operator: null },
      ],
      ['Ana', 'Bruno'],
    ],
    [
      'a AND b OR c is (a AND b) OR c',
      [
        { attribute_key: 'labels', filter_operator: 'equal_to', values: ['vip'], query_operator: 'AND' },
        { attribute_key: 'country', filter_operator: 'equal_to', values: ['Brazil'], query_operator: 'OR' },
        { attribute_key: 'name', filter_operator: 'equal_to', values: ['dan ek'], query_operator: null },
      ],
      ['Ana', 'Dan'],
    ],
    [
      'a AND b AND c',
      [
        { attribute_key: 'plan', filter_operator: 'equal_to', values: ['gold'], query_operator: 'and', custom_attribute_type: 'text' },
        { attribute_key: 'seats', filter_operator: 'is_greater_than', values: [5], query_operator: 'and', custom_attribute_type: 'number' },
        { attribute_key: 'country_code', filter_operator: 'equal_to', values: ['pt'], query_operator: null },
      ],
      ['Carla'],
    ],
  ];

  it.each(table)('%s', async (_, payload, expected) => {
    expect(await names(payload)).toEqual(expected);
  });

  it('counts every match, not only the page', async () => {
    const page = await filterContactsPage(ctx, { page: 1, payload: one('labels', 'is_present') });
    expect(page.meta).toEqual({ count: 3, current_page: 1 });
  });
});
