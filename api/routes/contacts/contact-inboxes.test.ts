import { expect } from 'vitest';
import { createInboxRecord } from '../../../core/services/accounts/bootstrap.js';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';
import { startVisitor } from '../../../tests/support/visitor.js';

const it = apiTest({ worker: false });

it('gives a contact an address in an API or e-mail inbox, and lists where a conversation can start', async ({ stack, account, client, base }) => {
  const emailInbox = await createInboxRecord(stack.db, { accountId: account.account.id, name: 'Support mail', channelType: 'email', settings: { email: 'support@shop.example' } });
  const contact = (await client.post(`${base}/contacts`, { name: 'Carla Contact', email: 'carla@example.test' })).body.payload.contact;
  const path = `${base}/contacts/${contact.id}`;

  const before = await client.get(`${path}/contactable_inboxes`);
  expect(before.status).toBe(200);
  const sourceOf = (body: { payload: Array<{ source_id: string | null; inbox: { id: number } }> }, inboxId: number) => body.payload.find((entry) => entry.inbox.id === inboxId);
  expect(sourceOf(before.body, emailInbox.id)).toMatchObject({ source_id: 'carla@example.test', inbox: { name: 'Support mail', channel_type: 'email' } });
  expect(sourceOf(before.body, account.apiInbox.id)).toMatchObject({ source_id: null });
  // The website inbox is reached only from the visitor's own browser.
  expect(sourceOf(before.body, account.inbox.id)).toBeUndefined();

  const generated = await client.post(`${path}/contact_inboxes`, { inbox_id: account.apiInbox.id });
  expect(generated.status).toBe(200);
  expect(generated.body.source_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(generated.body.inbox).toMatchObject({ id: account.apiInbox.id, channel_type: 'api' });
  const chosen = await client.post(`${path}/contact_inboxes`, { inbox_id: account.apiInbox.id, source_id: 'crm-4711' });
  expect(chosen.body.source_id).toBe('crm-4711');
  // The same again returns what is there.
  expect((await client.post(`${path}/contact_inboxes`, { inbox_id: account.apiInbox.id, source_id: 'crm-4711' })).body.id).toBe(chosen.body.id);
  const mail = await client.post(`${path}/contact_inboxes`, { inbox_id: emailInbox.id });
  expect(mail.body.source_id).toBe('carla@example.test');

  // The conversation starts through the new address.
  const conversation = await client.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id, source_id: 'crm-4711' });
  expect(conversation.status).toBe(200);
  const after = await client.get(`${path}/contactable_inboxes`);
  expect(sourceOf(after.body, account.apiInbox.id)?.source_id).toEqual(expect.any(String));
});

it('refuses a website inbox, a taken source_id and an e-mail inbox without an address, naming the field', async ({ stack, account, client, base }) => {
  const emailInbox = await createInboxRecord(stack.db, { accountId: account.account.id, name: 'Mail 2', channelType: 'email', settings: { email: 'two@shop.example' } });
  const first = (await client.post(`${base}/contacts`, { name: 'First' })).body.payload.contact;
  const second = (await client.post(`${base}/contacts`, { name: 'Second' })).body.payload.contact;
  const website = await client.post(`${base}/contacts/${first.id}/contact_inboxes`, { inbox_id: account.inbox.id });
  expect(website.status).toBe(422);
  expect(website.body.error.field).toBe('inbox_id');
  expect((await client.post(`${base}/contacts/${first.id}/contact_inboxes`, { inbox_id: account.apiInbox.id, source_id: 'shared-id' })).status).toBe(200);
  const taken = await client.post(`${base}/contacts/${second.id}/contact_inboxes`, { inbox_id: account.apiInbox.id, source_id: 'shared-id' });
  expect(taken.status).toBe(409);
  expect(taken.body.error.field).toBe('source_id');
  const noAddress = await client.post(`${base}/contacts/${second.id}/contact_inboxes`, { inbox_id: emailInbox.id });
  expect(noAddress.status).toBe(422);
  expect(noAddress.body.error.field).toBe('source_id');
  const missing = await client.post(`${base}/contacts/${second.id}/contact_inboxes`, {});
  expect(missing.status).toBe(422);
  expect(JSON.stringify(missing.body.error)).toContain('inbox_id');
  expect((await client.post(`${base}/contacts/${second.id}/contact_inboxes`, { inbox_id: 999999 })).status).toBe(404);
  expect((await client.get(`${base}/contacts/999999/contactable_inboxes`)).status).toBe(404);
});

it('shows agents only their inboxes, and nothing to another account', async ({ stack, account, otherAccount, client, base }) => {
  const visitor = await startVisitor(stack, account, '10.64.0.1');
  const contactId = visitor.contact.id;
  const outsider = apiClient(stack, account.outsider.token);
  const listed = await outsider.get(`${base}/contacts/${contactId}/contactable_inboxes`);
  expect(listed.status).toBe(200);
  expect(listed.body.payload).toEqual([]);
  expect((await outsider.post(`${base}/contacts/${contactId}/contact_inboxes`, { inbox_id: account.apiInbox.id })).status).toBe(404);
  const member = await apiClient(stack, account.agent.token).get(`${base}/contacts/${contactId}/contactable_inboxes`);
  expect(member.body.payload.map((entry: { inbox: { id: number } }) => entry.inbox.id).sort()).toEqual([account.inbox.id, account.apiInbox.id].sort());
  expect(member.body.payload.find((entry: { inbox: { id: number } }) => entry.inbox.id === account.inbox.id).source_id).toBe(visitor.contact.source_id);
  const stranger = apiClient(stack, otherAccount.admin.token);
  expect((await stranger.get(`/api/v1/accounts/${otherAccount.account.id}/contacts/${contactId}/contactable_inboxes`)).status).toBe(404);
  expect((await stranger.post(`/api/v1/accounts/${otherAccount.account.id}/contacts/${contactId}/contact_inboxes`, { inbox_id: account.apiInbox.id })).status).toBe(404);
  expect((await client.get(`${base}/contacts/${contactId}/contactable_inboxes`)).status).toBe(200);
});
