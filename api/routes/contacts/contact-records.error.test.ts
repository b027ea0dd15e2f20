import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactLabels, contactNotes, contacts } from '../../../db/schema/index.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

describe('contact filters, labels, notes and merge: bad input', () => {
  let stack: TestStack;
  let account: TestAccount;
  let agent: ReturnType<typeof apiClient>;
  let base: string;
  let contactId: number;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    agent = apiClient(stack, account.agent.token);
    base = `/api/v1/accounts/${account.account.id}`;
    contactId = (await agent.post(`${base}/contacts`, { name: 'Edge Case' })).body.payload.contact.id;
  });
  afterAll(() => stack.close());

  it('answers 422 naming the condition and the field for every kind of bad filter', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ attribute_key: 'name', filter_operator: 'sounds_like', values: ['x'] }, 'payload[0].filter_operator'],
      [{ attribute_key: 'created_at', filter_operator: 'contains', values: ['2024'] }, 'payload[0].filter_operator'],
      [{ attribute_key: 'created_at', filter_operator: 'is_greater_than', values: ['yesterday'] }, 'payload[0].values'],
      [{ attribute_key: 'created_at', filter_operator: 'days_before', values: ['3.5'] }, 'payload[0].values'],
      [{ attribute_key: 'name', filter_operator: 'equal_to', values: [] }, 'payload[0].values'],
      [{ attribute_key: 'seats', filter_operator: 'is_greater_than', values: ['many'], custom_attribute_type: 'number' }, 'payload[0].values'],
      [{ attribute_key: 'vip', filter_operator: 'contains', values: [true], custom_attribute_type: 'checkbox' }, 'payload[0].filter_operator'],
      [{ attribute_key: 'drop table', filter_operator: 'equal_to', values: ['x'] }, 'payload[0].attribute_key'],
    ];
    for (const [condition, field] of cases) {
      const response = await agent.post(`${base}/contacts/filter`, { payload: [{ attribute_key: 'name', filter_operator: 'is_present', query_operator: 'and' }, condition] });
      expect(response.status, JSON.stringify(condition)).toBe(422);
      expect(response.body.error.field, JSON.stringify(condition)).toBe(field.replace('[0]', '[1]'));
    }
    const empty = await agent.post(`${base}/contacts/filter`, { payload: [] });
    expect(empty.status).toBe(422);
    expect(empty.body.error.field).toMatch(/^payload/);
  });

  it('refuses empty notes and unknown labels for agents, writing nothing', async () => {
    const note = await agent.post(`${base}/contacts/${contactId}/notes`, { content: '   ' });
    expect(note.status).toBe(422);
    expect(note.body.error.field).toBe('content');
    const labels = await agent.post(`${base}/contacts/${contactId}/labels`, { labels: ['never-created'] });
    expect(labels.status).toBe(403);
    expect(labels.body.error.field).toBe('labels');
    expect(await stack.db.select().from(contactNotes).where(eq(contactNotes.contactId, contactId))).toEqual([]);
    expect(await stack.db.select().from(contactLabels).where(eq(contactLabels.contactId, contactId))).toEqual([]);
    expect((await agent.get(`${base}/contacts/${contactId}/notes/999999`)).status).toBe(404);
  });

  it('refuses to merge a contact into itself or a missing one, deleting nothing', async () => {
    const self = await agent.post(`${base}/actions/contact_merge`, { base_contact_id: contactId, mergee_contact_id: contactId });
    expect(self.status).toBe(422);
    expect(self.body.error.field).toBe('mergee_contact_id');
    const missing = await agent.post(`${base}/actions/contact_merge`, { base_contact_id: 999_999, mergee_contact_id: contactId });
    expect(missing.status).toBe(404);
    expect(missing.body.error.field).toBe('base_contact_id');
    const untyped = await agent.post(`${base}/actions/contact_merge`, { base_contact_id: contactId });
    expect(untyped.status).toBe(422);
    const [{ n }] = await stack.db.select({ n: sql<number>`count(*)::int` }).from(contacts).where(and(eq(contacts.accountId, account.account.id), eq(contacts.id, contactId)));
    expect(n).toBe(1);
  });
});
