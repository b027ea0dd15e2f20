import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

describe('contacts: who may do what', () => {
  let stack: TestStack;
  let account: TestAccount;
  let other: TestAccount;
  let base: string;
  let contactId: number;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    other = await createTestAccount(stack);
    base = `/api/v1/accounts/${account.account.id}`;
    const created = await apiClient(stack, account.agent.token).post(`${base}/contacts`, { name: 'Secret Sam', email: 'sam@example.test' });
    contactId = created.body.payload.contact.id;
  });
  afterAll(() => stack.close());

  it('answers 401 without a token', async () => {
    const anonymous = apiClient(stack);
    expect((await anonymous.get(`${base}/contacts`)).status).toBe(401);
    expect((await anonymous.post(`${base}/contacts`, { name: 'X' })).status).toBe(401);
  });

  it('answers 404 to a member of another account, for the list and for one contact', async () => {
    const stranger = apiClient(stack, other.admin.token);
    expect((await stranger.get(`${base}/contacts`)).status).toBe(404);
    expect((await stranger.get(`${base}/contacts/${contactId}`)).status).toBe(404);
    expect((await stranger.delete(`${base}/contacts/${contactId}`)).status).toBe(404);
    // Through their own account the id is not theirs either.
    expect((await stranger.get(`/api/v1/accounts/${other.account.id}/contacts/${contactId}`)).status).toBe(404);
    const search = await stranger.get(`/api/v1/accounts/${other.account.id}/contacts/search?q=sam`);
    expect(search.body.payload).toEqual([]);
  });

  it('lets only administrators delete contacts', async () => {
    const agent = apiClient(stack, account.agent.token);
    const response = await agent.delete(`${base}/contacts/${contactId}`);
    expect(response.status).toBe(403);
    expect((await agent.get(`${base}/contacts/${contactId}`)).status).toBe(200);
  });

  it('shows an agent only the contact’s conversations in inboxes they belong to', async () => {
    const admin = apiClient(stack, account.admin.token);
    const inWebsite = await admin.post(`${base}/conversations`, { inbox_id: account.inbox.id, contact_id: contactId });
    expect(inWebsite.status).toBe(200);
    const outsider = apiClient(stack, account.outsider.token);
    expect((await outsider.get(`${base}/contacts/${contactId}/conversations`)).body.payload).toEqual([]);
    const member = apiClient(stack, account.agent.token);
    expect((await member.get(`${base}/contacts/${contactId}/conversations`)).body.payload.map((c: { id: number }) => c.id)).toEqual([inWebsite.body.id]);
  });

  it('does not let an agent attach a contact to an inbox they are not a member of', async () => {
    const outsider = apiClient(stack, account.outsider.token);
    const response = await outsider.post(`${base}/contacts`, { name: 'Sneaky', inbox_id: account.inbox.id });
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe('inbox_id');
  });
});
