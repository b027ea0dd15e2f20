import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

describe('contact filters, labels, notes and merge through the Application API', () => {
  let stack: TestStack;
  let account: TestAccount;
  let agent: ReturnType<typeof apiClient>;
  let admin: ReturnType<typeof apiClient>;
  let base: string;
  const createContact = async (body: Record<string, unknown>) => (await agent.post(`${base}/contacts`, body)).body.payload.contact as { id: number; name: string };

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    agent = apiClient(stack, account.agent.token);
    admin = apiClient(stack, account.admin.token);
    base = `/api/v1/accounts/${account.account.id}`;
  });
  afterAll(() => stack.close());

  it('filters with Chatwoot’s payload and answers in Chatwoot’s page shape', async () => {
    await createContact({ name: 'Filter Fiona', email: 'fiona@initech.test', additional_attributes: { city: 'Curitiba' }, custom_attributes: { tier: 2 } });
    await createContact({ name: 'Filter Fred', email: 'fred@initech.test', additional_attributes: { city: 'Recife' }, custom_attributes: { tier: 1 } });
    await createContact({ name: 'Other Olive', email: 'olive@elsewhere.test' });
    const response = await agent.post(`${base}/contacts/filter?page=1`, {
      payload: [
        { attribute_key: 'email', filter_operator: 'contains', values: ['initech'], query_operator: 'and' },
        { attribute_key: 'tier', filter_operator: 'is_greater_than', values: [1], query_operator: 'or', custom_attribute_type: 'number' },
        { attribute_key: 'city', filter_operator: 'equal_to', values: ['recife'], query_operator: null },
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.meta).toEqual({ count: 2, current_page: 1 });
    expect(response.body.payload.map((c: { name: string }) => c.name).sort()).toEqual(['Filter Fiona', 'Filter Fred']);
  });

  it('replaces a contact’s labels and filters by them', async () => {
    await admin.post(`${base}/labels`, { title: 'customer' });
    await admin.post(`${base}/labels`, { title: 'partner' });
    const contact = await createContact({ name: 'Labelled Lou' });
    const set = await agent.post(`${base}/contacts/${contact.id}/labels`, { labels: ['Partner', 'customer'] });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ payload: ['customer', 'partner'] });
    expect((await agent.get(`${base}/contacts/${contact.id}/labels`)).body).toEqual({ payload: ['customer', 'partner'] });
    await agent.post(`${base}/contacts/${contact.id}/labels`, { labels: ['partner'] });
    expect((await agent.get(`${base}/contacts/${contact.id}/labels`)).body).toEqual({ payload: ['partner'] });
    const filtered = await agent.post(`${base}/contacts/filter`, { payload: [{ attribute_key: 'labels', filter_operator: 'equal_to', values: ['partner'] }] });
    expect(filtered.body.payload.map((c: { id: number }) => c.id)).toEqual([contact.id]);
  });

  it('keeps notes on a contact: add, list, edit, delete', async () => {
    const contact = await createContact({ name: 'Noted Nora' });
    const added = await agent.post(`${base}/contacts/${contact.id}/notes`, { content: 'Prefers **phone** calls' });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({
      content: 'Prefers **phone** calls',
      contact_id: contact.id,
      user: { id: account.agent.id, name: 'Alan Agent' },
      created_at: expect.any(Number),
    });
    await agent.post(`${base}/contacts/${contact.id}/notes`, { content: 'Second note' });
    const listed = await agent.get(`${base}/contacts/${contact.id}/notes`);
    expect(listed.body.map((n: { content: string }) => n.content)).toEqual(['Prefers **phone** calls', 'Second note']);
    const edited = await agent.patch(`${base}/contacts/${contact.id}/notes/${added.body.id}`, { content: 'Prefers e-mail now' });
    expect(edited.body.content).toBe('Prefers e-mail now');
    expect((await agent.get(`${base}/contacts/${contact.id}/notes/${added.body.id}`)).body.content).toBe('Prefers e-mail now');
    expect((await agent.delete(`${base}/contacts/${contact.id}/notes/${added.body.id}`)).body).toEqual({ success: true });
    expect((await agent.get(`${base}/contacts/${contact.id}/notes`)).body.map((n: { content: string }) => n.content)).toEqual(['Second note']);
  });

  it('merges two contacts: conversations, notes and labels move to the survivor, the mergee is gone', async () => {
    await admin.post(`${base}/labels`, { title: 'merged-a' });
    await admin.post(`${base}/labels`, { title: 'merged-b' });
    const survivor = await createContact({ name: 'Marta Base', email: 'marta@base.test', custom_attributes: { plan: 'gold' } });
    const mergee = await createContact({ name: 'M. Duplicate', phone_number: '+5511988887777', identifier: 'crm-dup', custom_attributes: { plan: 'free', seats: 4 } });
    const survivorConversation = await agent.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: survivor.id });
    const mergeeConversation = await agent.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: mergee.id });
    await agent.post(`${base}/contacts/${mergee.id}/notes`, { content: 'Called on Monday' });
    await agent.post(`${base}/contacts/${survivor.id}/labels`, { labels: ['merged-a'] });
    await agent.post(`${base}/contacts/${mergee.id}/labels`, { labels: ['merged-a', 'merged-b'] });

    const merged = await agent.post(`${base}/actions/contact_merge`, { base_contact_id: survivor.id, mergee_contact_id: mergee.id });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({
      id: survivor.id,
      name: 'Marta Base',
      email: 'marta@base.test',
      phone_number: '+5511988887777',
      identifier: 'crm-dup',
      custom_attributes: { plan: 'gold', seats: 4 },
    });
    expect((await agent.get(`${base}/contacts/${mergee.id}`)).status).toBe(404);
    const conversations = await agent.get(`${base}/contacts/${survivor.id}/conversations`);
    expect(conversations.body.payload.map((c: { id: number }) => c.id).sort()).toEqual([survivorConversation.body.id, mergeeConversation.body.id].sort());
    expect((await agent.get(`${base}/contacts/${survivor.id}/notes`)).body.map((n: { content: string }) => n.content)).toEqual(['Called on Monday']);
    expect((await agent.get(`${base}/contacts/${survivor.id}/labels`)).body).toEqual({ payload: ['merged-a', 'merged-b'] });
  });
});
