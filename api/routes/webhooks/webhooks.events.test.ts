import { afterAll, expect } from 'vitest';
import { createInboxRecord } from '../../../core/services/accounts/bootstrap.js';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';
import { startVisitor } from '../../../tests/support/visitor.js';
import { waitUntil } from '../../../tests/support/wait.js';
import { startWebhookReceiver } from '../../../tests/support/webhook-receiver.js';
import { testWebhookSettings } from '../../../tests/support/webhooks.js';

const it = apiTest({ webhooks: testWebhookSettings() });
const receivers: Array<Awaited<ReturnType<typeof startWebhookReceiver>>> = [];
afterAll(async () => {
  for (const receiver of receivers) await receiver.close();
});

/** A real receiver subscribed to `events` on the account, trusting its signing secret. */
async function subscribedReceiver(client: ReturnType<typeof apiClient>, base: string, events: string[]) {
  const receiver = await startWebhookReceiver();
  receivers.push(receiver);
  const created = await client.post(`${base}/webhooks`, { url: receiver.url, subscriptions: events });
  expect(created.status).toBe(200);
  receiver.trust(created.body.payload.webhook.secret);
  const byEvent = (event: string) => receiver.received.filter((request) => request.payload.event === event).map((request) => request.payload);
  return { receiver, byEvent };
}

it('announces an agent’s reply with message_created only once it is sent; one interrupted in its window never', { timeout: 60_000 }, async ({ stack, account, client, base }) => {
  const { receiver, byEvent } = await subscribedReceiver(client, base, ['message_created']);
  const inbox = await createInboxRecord(stack.db, { accountId: account.account.id, name: 'API with undo', channelType: 'api', settings: { sendWindowSeconds: 1 } });
  const contact = await client.post(`${base}/contacts`, { name: 'Wanda Window' });
  const conversation = await client.post(`${base}/conversations`, { inbox_id: inbox.id, contact_id: contact.body.payload.contact.id });
  const messagesPath = `${base}/conversations/${conversation.body.id}/messages`;

  const regretted = await client.post(messagesPath, { content: 'Sent to the wrong customer', message_type: 'outgoing' });
  expect(regretted.body.status).toBe('scheduled');
  expect((await client.post(`${messagesPath}/${regretted.body.id}/interrupt`)).status).toBe(200);
  const kept = await client.post(messagesPath, { content: 'Your refund is on its way', message_type: 'outgoing' });
  expect(kept.body.status).toBe('scheduled');
  const note = await client.post(messagesPath, { content: 'Refund approved by finance', message_type: 'outgoing', private: true });
  expect(note.status).toBe(200);

  await waitUntil(async () => byEvent('message_created').some((m) => m.id === kept.body.id), 'message_created of the reply that was sent');
  for (const request of receiver.received) expect(request.verified, request.verificationError).toBe(true);
  const announced = byEvent('message_created');
  expect(announced.find((m) => m.id === kept.body.id)).toMatchObject({ content: 'Your refund is on its way', status: 'sent', message_type: 'outgoing' });
  // A private note has no send window: announced when stored, as before.
  expect(announced.some((m) => m.id === note.body.id)).toBe(true);
  // The interrupted reply's window ended before the kept one's, so it would have arrived first.
  expect(announced.some((m) => m.id === regretted.body.id)).toBe(false);
  expect(announced.filter((m) => m.id === kept.body.id)).toHaveLength(1);
});

it('sends message_updated when a message is deleted or a visitor answers a form, and typing and widget-open events with Chatwoot’s payloads', { timeout: 60_000 }, async ({ stack, account, client, base }) => {
  const { byEvent } = await subscribedReceiver(client, base, ['message_updated', 'conversation_typing_on', 'conversation_typing_off', 'webwidget_triggered', 'contact_updated']);
  const visitor = await startVisitor(stack, account, '10.62.0.1', { name: 'Frida Form' });
  const displayId = await visitor.startConversation();
  const messagesPath = `${base}/conversations/${displayId}/messages`;
  const agent = apiClient(stack, account.agent.token);

  const oops = await agent.post(messagesPath, { content: 'Wrong link', message_type: 'outgoing' });
  expect((await agent.delete(`${messagesPath}/${oops.body.id}`)).status).toBe(200);

  const card = await agent.post(messagesPath, { content: 'Where can we reach you?', message_type: 'outgoing', content_type: 'input_email' });
  expect(card.status).toBe(200);
  const answered = await visitor.client.patch(`${visitor.contactPath}/conversations/${displayId}/messages/${card.body.id}`, { contact: { email: 'frida@example.test' } });
  expect(answered.status).toBe(200);
  expect(answered.body.content_attributes).toMatchObject({ submitted_email: 'frida@example.test' });

  expect((await agent.post(`${base}/conversations/${displayId}/toggle_typing_status`, { typing_status: 'on' })).status).toBe(200);
  expect((await agent.post(`${base}/conversations/${displayId}/toggle_typing_status`, { typing_status: 'off', is_private: true })).status).toBe(200);

  const opened = await visitor.client.post(`${visitor.contactPath}/widget_events`, {
    name: 'webwidget.triggered',
    event_info: { referer: 'https://shop.example/checkout', widget_language: 'pt-BR', browser_language: 'pt-BR', initiated_at: { timestamp: 'Wed Dec 02 2026 17:40:00 GMT+0000' } },
  });
  expect(opened.status).toBe(200);

  await waitUntil(
    async () => byEvent('message_updated').length >= 2 && byEvent('conversation_typing_on').length > 0 && byEvent('conversation_typing_off').length > 0 && byEvent('webwidget_triggered').length > 0 && byEvent('contact_updated').length > 0,
    'message_updated ×2, typing on/off, webwidget_triggered and contact_updated',
  );
  const updates = byEvent('message_updated');
  expect(updates.find((m) => m.id === oops.body.id)).toMatchObject({ content: 'This message was deleted', content_attributes: { deleted: true }, conversation: { id: displayId } });
  expect(updates.find((m) => m.id === card.body.id)).toMatchObject({ content_type: 'input_email', content_attributes: { submitted_email: 'frida@example.test' } });
  expect(byEvent('contact_updated')[0]).toMatchObject({ id: visitor.contact.id, email: 'frida@example.test' });
  expect(byEvent('conversation_typing_on')[0]).toMatchObject({ conversation: { id: displayId }, user: { id: account.agent.id, type: 'user', name: 'Alan Agent' }, is_private: false });
  expect(byEvent('conversation_typing_off')[0]).toMatchObject({ user: { id: account.agent.id, type: 'user' }, is_private: true });
  expect(byEvent('webwidget_triggered')[0]).toMatchObject({
    event: 'webwidget_triggered',
    id: visitor.contact.id,
    contact: { id: visitor.contact.id, name: 'Frida Form' },
    inbox: { id: account.inbox.id },
    current_conversation: { id: displayId },
    source_id: visitor.contact.source_id,
    event_info: { referer: 'https://shop.example/checkout', widget_language: 'pt-BR' },
  });
});
