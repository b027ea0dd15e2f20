import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../../../db/schema/index.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

describe('contacts: bad input', () => {
  let stack: TestStack;
  let account: TestAccount;
  let agent: ReturnType<typeof apiClient>;
  let base: string;
  const countContacts = async () =>
    Number((await stack.db.select({ n: sql<number>`count(*)::int` }).from(contacts).where(eq(contacts.accountId, account.account.id)))[0].n);

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    agent = apiClient(stack, account.agent.token);
    base = `/api/v1/accounts/${account.account.id}`;
  });
  afterAll(() => stack.close());

  it('refuses a duplicate email (any case), phone or identifier with 422 naming the field, writing nothing', async () => {
    await agent.post(`${base}/contacts`, { name: 'First', email: 'dup@example.test', phone_number: '+14155550100', identifier: 'ext-1' });
    const before = await countContacts();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'Second', email: 'DUP@example.test' }, 'email'],
      [{ name: 'Second', phone_number: '+14155550100' }, 'phone_number'],
      [{ name: 'Second', identifier: 'ext-1' }, 'identifier'],
      [{ name: 'Second', inbox_id: account.apiInbox.id, email: 'dup@example.test' }, 'email'],
    ];
    for (const [body, field] of cases) {
      const response = await agent.post(`${base}/contacts`, body);
      expect(response.status).toBe(422);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    expect(await countContacts()).toBe(before);
  });

  it('stores one contact when the same email is created several times at once', async () => {
    const before = await countContacts();
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => agent.post(`${base}/contacts`, { name: `Racer ${i}`, email: 'race@example.test' })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const refused of results.filter((r) => r.status !== 200)) {
      expect(refused.status).toBe(422);
      expect(refused.body.error.field).toBe('email');
    }
    expect(await countContacts()).toBe(before + 1);
  });

  it('refuses an update that would duplicate another contact’s email', async () => {
    const other = await agent.post(`${base}/contacts`, { name: 'Other', email: 'other@example.test' });
    const response = await agent.put(`${base}/contacts/${other.body.payload.contact.id}`, { email: 'dup@example.test' });
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe('email');
    const [row] = await stack.db.select().from(contacts).where(and(eq(contacts.id, other.body.payload.contact.id)));
    expect(row.email).toBe('other@example.test');
  });

  it('validates email, E.164 phone numbers, avatar URLs and the inbox', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'X', email: 'not-an-email' }, 'email'],
      [{ name: 'X', phone_number: '011 555 0100' }, 'phone_number'],
      [{ name: 'X', phone_number: '+0123' }, 'phone_number'],
      [{ name: 'X', avatar_url: 'javascript:alert(1)' }, 'avatar_url'],
      [{ name: 'X', inbox_id: 999999 }, 'inbox_id'],
      [{ name: 'X', additional_attributes: 'nope' }, 'additional_attributes'],
    ];
    for (const [body, field] of cases) {
      const response = await agent.post(`${base}/contacts`, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error.field).toBe(field);
    }
  });

  it('answers 404 for a contact that does not exist and 422 for a missing search term', async () => {
    expect((await agent.get(`${base}/contacts/999999`)).status).toBe(404);
    expect((await agent.put(`${base}/contacts/999999`, { name: 'Nobody' })).status).toBe(404);
    const search = await agent.get(`${base}/contacts/search?q=`);
    expect(search.status).toBe(422);
    expect(search.body.error.field).toBe('q');
  });

  it('treats LIKE wildcards in a search as plain text', async () => {
    await agent.post(`${base}/contacts`, { name: 'Percent 100% Person' });
    const found = await agent.get(`${base}/contacts/search?q=${encodeURIComponent('100%')}`);
    expect(found.body.payload.map((c: { name: string }) => c.name)).toEqual(['Percent 100% Person']);
    const underscore = await agent.get(`${base}/contacts/search?q=_`);
    expect(underscore.body.payload).toEqual([]);
  });
});
