import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

describe('contacts through the Application API', () => {
  let stack: TestStack;
  let account: TestAccount;
  let agent: ReturnType<typeof apiClient>;
  let admin: ReturnType<typeof apiClient>;
  let base: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    agent = apiClient(stack, account.agent.token);
    admin = apiClient(stack, account.admin.token);
    base = `/api/v1/accounts/${account.account.id}`;
  });
  afterAll(() => stack.close());

  it('creates a contact that then comes back in search by name, email, phone and identifier', async () => {
    const created = await agent.post(`${base}/contacts`, {
      name: 'Maria Souza',
      email: 'Maria.Souza@Example.test',
      phone_number: '+5511987654321',
      identifier: 'crm-4711',
      additional_attributes: { company_name: 'Acme', city: 'São Paulo' },
      custom_attributes: { plan: 'gold' },
    });
    expect(created.status).toBe(200);
    const contact = created.body.payload.contact;
    expect(contact).toMatchObject({
      name: 'Maria Souza',
      email: 'maria.souza@example.test',
      phone_number: '+5511987654321',
      identifier: 'crm-4711',
      additional_attributes: { company_name: 'Acme', city: 'São Paulo' },
      custom_attributes: { plan: 'gold' },
    });
    expect(created.body.payload.contact_inbox).toBeNull();

    for (const q of ['souza', 'MARIA.SOUZA@', '98765', 'crm-47']) {
      const found = await agent.get(`${base}/contacts/search?q=${encodeURIComponent(q)}`);
      expect(found.status).toBe(200);
      expect(found.body.payload.map((c: { id: number }) => c.id)).toEqual([contact.id]);
      expect(found.body.meta).toEqual({ count: 1, current_page: 1 });
    }
    const shown = await agent.get(`${base}/contacts/${contact.id}`);
    expect(shown.body.payload).toEqual(contact);
  });

  it('creates the contact’s address in an inbox when given inbox_id', async () => {
    const created = await agent.post(`${base}/contacts`, { name: 'Inbox Person', inbox_id: account.apiInbox.id });
    expect(created.status).toBe(200);
    expect(created.body.payload.contact_inbox).toMatchObject({ inbox: { id: account.apiInbox.id, name: 'API' }, source_id: expect.any(String) });
  });

  it('keys a contact by their email address in an email inbox', async () => {
    const inbox = await admin.post(`${base}/inboxes`, { name: 'Mail', channel: { type: 'email', email: `support-${account.account.id}@example.test` } });
    const created = await admin.post(`${base}/contacts`, { name: 'Mailer', email: 'Mailer@Example.test', inbox_id: inbox.body.id });
    expect(created.body.payload.contact_inbox).toMatchObject({ inbox: { id: inbox.body.id, channel_type: 'email' }, source_id: 'mailer@example.test' });
  });

  it('pages the list 15 at a time, newest first, and sorts by name', async () => {
    const fresh = await createTestAccount(stack);
    const client = apiClient(stack, fresh.agent.token);
    const freshBase = `/api/v1/accounts/${fresh.account.id}`;
    for (let i = 1; i <= 17; i++) await client.post(`${freshBase}/contacts`, { name: `Person ${String(i).padStart(2, '0')}` });
    const first = await client.get(`${freshBase}/contacts`);
    expect(first.body.meta).toEqual({ count: 17, current_page: 1 });
    expect(first.body.payload).toHaveLength(15);
    expect(first.body.payload[0].name).toBe('Person 17');
    const second = await client.get(`${freshBase}/contacts?page=2`);
    expect(second.body.payload.map((c: { name: string }) => c.name)).toEqual(['Person 02', 'Person 01']);
    const byName = await client.get(`${freshBase}/contacts?sort=name`);
    expect(byName.body.payload[0].name).toBe('Person 01');
    const byNameDesc = await client.get(`${freshBase}/contacts?sort=-name`);
    expect(byNameDesc.body.payload[0].name).toBe('Person 17');
  });

  it('updates only the fields sent and merges attributes', async () => {
    const created = await agent.post(`${base}/contacts`, { name: 'Pat', email: 'pat@example.test', additional_attributes: { city: 'Lisbon' }, custom_attributes: { tier: 1 } });
    const id = created.body.payload.contact.id;
    const updated = await agent.put(`${base}/contacts/${id}`, { phone_number: '+351912345678', additional_attributes: { company_name: 'Pat Co' }, custom_attributes: { vip: true } });
    expect(updated.status).toBe(200);
    expect(updated.body.payload).toMatchObject({
      name: 'Pat',
      email: 'pat@example.test',
      phone_number: '+351912345678',
      additional_attributes: { city: 'Lisbon', company_name: 'Pat Co' },
      custom_attributes: { tier: 1, vip: true },
    });
    const cleared = await agent.put(`${base}/contacts/${id}`, { email: '' });
    expect(cleared.body.payload.email).toBeNull();
  });

  it('lists a contact’s conversations, and lets an administrator delete the contact', async () => {
    const created = await agent.post(`${base}/contacts`, { name: 'Talker', email: 'talker@example.test' });
    const id = created.body.payload.contact.id;
    const conversation = await agent.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: id });
    expect(conversation.status).toBe(200);
    const list = await agent.get(`${base}/contacts/${id}/conversations`);
    expect(list.status).toBe(200);
    expect(list.body.payload.map((c: { id: number }) => c.id)).toEqual([conversation.body.id]);

    expect((await admin.delete(`${base}/contacts/${id}`)).status).toBe(200);
    expect((await agent.get(`${base}/contacts/${id}`)).status).toBe(404);
  });
});
