import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { conversationLabels, conversations, labels } from '../../../db/schema/index.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

/** `POST conversations/filter` against real Postgres: each conversation attribute, AND-before-OR, and who sees what. */
describe('conversation filters with Chatwoot’s payload', () => {
  let stack: TestStack;
  let account: TestAccount;
  let admin: ReturnType<typeof apiClient>;
  let base: string;
  let teamId: number;
  const byDisplayId = new Map<number, string>();

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    admin = apiClient(stack, account.admin.token);
    base = `/api/v1/accounts/${account.account.id}`;
    teamId = (await admin.post(`${base}/teams`, { name: 'Billing desk' })).body.id;
    const [billing, vip] = await stack.db
      .insert(labels)
      .values([{ accountId: account.account.id, title: 'billing' }, { accountId: account.account.id, title: 'vip' }])
      .returning();
    const facts = [
      { name: 'one', inboxId: account.apiInbox.id, status: 'open', assigneeId: account.agent.id, teamId, priority: 'urgent', labels: [billing.id], custom: { order: 120, channel: 'phone' }, createdAt: '2024-02-01T10:00:00Z' },
      { name: 'two', inboxId: account.inbox.id, status: 'resolved', assigneeId: null, teamId: null, priority: null, labels: [], custom: { order: 5 }, createdAt: '2024-06-01T10:00:00Z' },
      { name: 'three', inboxId: account.apiInbox.id, status: 'pending', assigneeId: account.admin.id, teamId: null, priority: 'low', labels: [billing.id, vip.id], custom: {}, createdAt: '2023-11-01T10:00:00Z' },
    ] as const;
    for (const fact of facts) {
      const contact = await insertContact(stack.db, { accountId: account.account.id, name: fact.name });
      const displayId = (await admin.post(`${base}/conversations`, { inbox_id: fact.inboxId, contact_id: contact.id })).body.id as number;
      byDisplayId.set(displayId, fact.name);
      // The facts are written directly: this test is about the filter, not about how each fact is changed.
      const [row] = await stack.db
        .update(conversations)
        .set({
          status: fact.status,
          assigneeId: fact.assigneeId,
          teamId: fact.teamId,
          priority: fact.priority,
          customAttributes: fact.custom,
          createdAt: new Date(fact.createdAt),
          lastActivityAt: new Date(fact.createdAt),
        })
        .where(and(eq(conversations.accountId, account.account.id), eq(conversations.displayId, displayId)))
        .returning();
      if (fact.labels.length) await stack.db.insert(conversationLabels).values(fact.labels.map((labelId) => ({ conversationId: row.id, labelId })));
    }
  });
  afterAll(() => stack.close());

  const names = async (payload: unknown[], token = account.admin.token) => {
    const response = await apiClient(stack, token).post(`${base}/conversations/filter`, { payload });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.payload.map((c: { id: number }) => byDisplayId.get(c.id)).sort();
  };
  const one = (attribute_key: string, filter_operator: string, values?: unknown, custom_attribute_type?: string) => [
    { attribute_key, filter_operator, values, custom_attribute_type, query_operator: null },
  ];

  const table: Array<[string, unknown[], string[]]> = [
    ['status equal_to either', one('status', 'equal_to', ['open', 'pending']), ['one', 'three']],
    ['status not_equal_to', one('status', 'not_equal_to', ['open']), ['three', 'two']],
    ['assignee_id equal_to', one('assignee_id', 'equal_to', () => [account.agent.id]), ['one']],
    ['assignee_id is_not_present', one('assignee_id', 'is_not_present'), ['two']],
    ['assignee_id is_present', one('assignee_id', 'is_present'), ['one', 'three']],
    ['inbox_id equal_to', one('inbox_id', 'equal_to', () => [account.inbox.id]), ['two']],
    ['team_id is_not_present', one('team_id', 'is_not_present'), ['three', 'two']],
    ['priority equal_to either', one('priority', 'equal_to', ['urgent', 'low']), ['one', 'three']],
    ['priority is_not_present', one('priority', 'is_not_present'), ['two']],
    ['labels equal_to', one('labels', 'equal_to', ['vip']), ['three']],
    ['labels not_equal_to', one('labels', 'not_equal_to', ['billing']), ['two']],
    ['created_at is_less_than', one('created_at', 'is_less_than', ['2024-01-01']), ['three']],
    ['last_activity_at is_greater_than', one('last_activity_at', 'is_greater_than', ['2024-05-01']), ['two']],
    ['last_activity_at days_before', one('last_activity_at', 'days_before', [1]), ['one', 'three', 'two']],
    ['custom number is_greater_than', one('order', 'is_greater_than', [100], 'number'), ['one']],
    ['custom text equal_to', one('channel', 'equal_to', ['Phone'], 'text'), ['one']],
    [
      'a OR b AND c is a OR (b AND c)',
      [
        { attribute_key: 'status', filter_operator: 'equal_to', values: ['open'], query_operator: 'or' },
        { attribute_key: 'labels', filter_operator: 'equal_to', values: ['billing'], query_operator: 'and' },
        { attribute_key: 'priority', filter_operator: 'equal_to', values: ['low'], query_operator: null },
      ],
      ['one', 'three'],
    ],
  ];

  it.each(table)('%s', async (_, payload, expected) => {
    // Ids are only known once the stack is up: such values are written as functions and read here.
    const conditions = (payload as Array<{ values?: unknown }>).map((c) => ({ ...c, values: typeof c.values === 'function' ? c.values() : c.values }));
    expect(await names(conditions)).toEqual(expected);
  });

  it('filters by team and gives the counts of the matching conversations', async () => {
    const response = await admin.post(`${base}/conversations/filter`, { payload: one('team_id', 'equal_to', [teamId]) });
    expect(response.body.payload.map((c: { id: number }) => byDisplayId.get(c.id))).toEqual(['one']);
    expect(response.body.meta).toEqual({ mine_count: 0, unassigned_count: 0, all_count: 1 });
  });

  it('shows an agent only the conversations of their inboxes', async () => {
    expect(await names(one('status', 'equal_to', ['open', 'pending', 'resolved']), account.outsider.token)).toEqual([]);
    expect(await names(one('status', 'equal_to', ['open', 'pending', 'resolved']), account.agent.token)).toEqual(['one', 'three', 'two']);
  });

  it('answers 422 naming the condition for a bad status or operator', async () => {
    const badStatus = await admin.post(`${base}/conversations/filter`, { payload: one('status', 'equal_to', ['closed']) });
    expect(badStatus.status).toBe(422);
    expect(badStatus.body.error.field).toBe('payload[0].values');
    const badOperator = await admin.post(`${base}/conversations/filter`, { payload: one('inbox_id', 'contains', ['1']) });
    expect(badOperator.body.error.field).toBe('payload[0].filter_operator');
  });
});
