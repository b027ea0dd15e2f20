import { expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';
import { startVisitor } from '../../../tests/support/visitor.js';

const it = apiTest();

it('shows the visitor one conversation with its public messages, and lets them end it', { timeout: 60_000 }, async ({ stack, account, client, base }) => {
  const visitor = await startVisitor(stack, account, '10.65.0.1');
  const displayId = await visitor.startConversation();
  const conversationPath = `${visitor.contactPath}/conversations/${displayId}`;
  await visitor.client.post(`${conversationPath}/messages`, { content: 'Is my order shipped?' });
  await client.post(`${base}/conversations/${displayId}/messages`, { content: 'Yes, this morning', message_type: 'outgoing' });
  await client.post(`${base}/conversations/${displayId}/messages`, { content: 'customer is impatient', message_type: 'outgoing', private: true });

  const shown = await visitor.client.get(conversationPath);
  expect(shown.status).toBe(200);
  expect(shown.body).toMatchObject({ id: displayId, status: 'open', inbox_id: account.inbox.id });
  expect(shown.body.messages.map((m: { content: string }) => m.content)).toEqual(['Is my order shipped?', 'Yes, this morning']);

  const ended = await visitor.client.post(`${conversationPath}/toggle_status`);
  expect(ended.status).toBe(200);
  expect(ended.body).toMatchObject({ id: displayId, status: 'resolved' });
  expect((await client.get(`${base}/conversations/${displayId}`)).body.status).toBe('resolved');
  // Ending it again changes nothing; writing again reopens it, as for any resolved conversation.
  expect((await visitor.client.post(`${conversationPath}/toggle_status`)).body.status).toBe('resolved');
  await visitor.client.post(`${conversationPath}/messages`, { content: 'One more question' });
  await expect.poll(async () => (await client.get(`${base}/conversations/${displayId}`)).body.status).toBe('open');
});

it('takes the visitor’s answer to a form and to an e-mail card, and refuses answers to anything else', async ({ stack, account, client, base }) => {
  const visitor = await startVisitor(stack, account, '10.65.0.2');
  const displayId = await visitor.startConversation();
  const messagesPath = `${base}/conversations/${displayId}/messages`;
  const answer = (messageId: number, body: unknown) => visitor.client.patch(`${visitor.contactPath}/conversations/${displayId}/messages/${messageId}`, body);

  const form = await client.post(messagesPath, { content: 'Tell us about the order', message_type: 'outgoing', content_type: 'form' });
  const values = [{ name: 'order', title: 'Order number', value: '4711' }];
  const answered = await answer(form.body.id, { submitted_values: values });
  expect(answered.status).toBe(200);
  expect(answered.body).toMatchObject({ id: form.body.id, content_attributes: { submitted_values: values } });
  const agentSees = (await client.get(messagesPath)).body.payload.find((m: { id: number }) => m.id === form.body.id);
  expect(agentSees.content_attributes.submitted_values).toEqual(values);
  const noValues = await answer(form.body.id, {});
  expect(noValues.status).toBe(422);
  expect(noValues.body.error.field).toBe('submitted_values');

  const card = await client.post(messagesPath, { content: 'Your e-mail?', message_type: 'outgoing', content_type: 'input_email' });
  const badEmail = await answer(card.body.id, { contact: { email: 'not an address' } });
  expect(badEmail.status).toBe(422);
  expect(JSON.stringify(badEmail.body.error)).toContain('email');
  expect((await answer(card.body.id, { contact: { email: 'vera@example.test' } })).status).toBe(200);
  expect((await client.get(`${base}/contacts/${visitor.contact.id}`)).body.payload.email).toBe('vera@example.test');

  const plain = await client.post(messagesPath, { content: 'Just text', message_type: 'outgoing' });
  const refused = await answer(plain.body.id, { submitted_values: values });
  expect(refused.status).toBe(422);
  expect(refused.body.error.field).toBe('content_type');
  expect((await client.get(messagesPath)).body.payload.find((m: { id: number }) => m.id === plain.body.id).content_attributes).not.toHaveProperty('submitted_values');
});

it('keeps each visitor to their own conversations and messages', async ({ stack, account, base }) => {
  const owner = await startVisitor(stack, account, '10.65.0.3');
  const displayId = await owner.startConversation();
  const agent = apiClient(stack, account.agent.token);
  const form = await agent.post(`${base}/conversations/${displayId}/messages`, { content: 'Form', message_type: 'outgoing', content_type: 'form' });
  const note = await agent.post(`${base}/conversations/${displayId}/messages`, { content: 'Private form', message_type: 'outgoing', content_type: 'form', private: true });
  const other = await startVisitor(stack, account, '10.65.0.4');
  const foreignPath = `${other.contactPath}/conversations/${displayId}`;
  expect((await other.client.get(foreignPath)).status).toBe(404);
  expect((await other.client.post(`${foreignPath}/toggle_status`)).status).toBe(404);
  expect((await other.client.patch(`${foreignPath}/messages/${form.body.id}`, { submitted_values: [] })).status).toBe(404);
  expect((await owner.client.patch(`${owner.contactPath}/conversations/${displayId}/messages/${note.body.id}`, { submitted_values: [] })).status).toBe(404);
  expect((await owner.client.get(`/public/api/v1/inboxes/no-such-inbox/contacts/${owner.contact.source_id}/conversations/${displayId}`)).status).toBe(404);
  expect((await agent.get(`${base}/conversations/${displayId}`)).body.status).toBe('open');
});
