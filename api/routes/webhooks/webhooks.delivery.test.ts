import { afterAll, expect } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { apiTest } from '../../../tests/support/api-test.js';
import { startVisitor } from '../../../tests/support/visitor.js';
import { waitUntil } from '../../../tests/support/wait.js';
import { startWebhookReceiver } from '../../../tests/support/webhook-receiver.js';
import { testWebhookSettings } from '../../../tests/support/webhooks.js';

const it = apiTest({ webhooks: testWebhookSettings() });
const receivers: Array<Awaited<ReturnType<typeof startWebhookReceiver>>> = [];
afterAll(async () => {
  for (const receiver of receivers) await receiver.close();
});

async function receiverWith(options: Parameters<typeof startWebhookReceiver>[0] = {}) {
  const receiver = await startWebhookReceiver(options);
  receivers.push(receiver);
  return receiver;
}

const allEvents = [
  'conversation_created',
  'conversation_updated',
  'conversation_status_changed',
  'message_created',
  'message_updated',
  'contact_created',
  'contact_updated',
  'conversation_typing_on',
  'conversation_typing_off',
  'webwidget_triggered',
];

it('signs every event the Standard Webhooks way and sends seed 003’s shapes', { timeout: 60_000 }, async ({ stack, account, client, base }) => {
  const receiver = await receiverWith();
  const created = await client.post(`${base}/webhooks`, { url: receiver.url, subscriptions: allEvents, name: 'CRM' });
  expect(created.status).toBe(200);
  const webhook = created.body.payload.webhook;
  expect(webhook).toMatchObject({ url: receiver.url, subscriptions: allEvents, enabled: true, name: 'CRM' });
  expect(webhook.secret).toMatch(/^whsec_/);
  receiver.trust(webhook.secret);

  const contact = await client.post(`${base}/contacts`, { name: 'Rita Receiver', email: 'rita@example.test' });
  expect(contact.status).toBe(200);
  const contactId = contact.body.payload.contact.id;
  expect((await client.put(`${base}/contacts/${contactId}`, { name: 'Rita R.' })).status).toBe(200);
  const conversation = await client.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contactId });
  expect(conversation.status).toBe(200);
  const displayId = conversation.body.id;
  expect((await client.post(`${base}/conversations/${displayId}/messages`, { content: 'Where is my order?', message_type: 'incoming' })).status).toBe(200);
  expect((await client.post(`${base}/conversations/${displayId}/messages`, { content: 'On its way!', message_type: 'outgoing' })).status).toBe(200);
  expect((await client.post(`${base}/conversations/${displayId}/toggle_status`, { status: 'resolved' })).status).toBe(200);
  const visitor = await startVisitor(stack, account, '10.77.0.1', { name: 'Typist' });
  const visitorConversation = await visitor.startConversation();
  const typingPath = `${visitor.contactPath}/conversations/${visitorConversation}/toggle_typing`;
  expect((await visitor.client.post(typingPath, { typing_status: 'on' })).status).toBe(200);
  expect((await visitor.client.post(typingPath, { typing_status: 'off' })).status).toBe(200);

  const byEvent = (event: string) => receiver.received.filter((request) => request.payload.event === event);
  const expected = ['contact_created', 'contact_updated', 'conversation_created', 'message_created', 'conversation_status_changed', 'conversation_updated', 'conversation_typing_on', 'conversation_typing_off'];
  await waitUntil(async () => expected.every((event) => byEvent(event).length > 0) && byEvent('message_created').length >= 3, `the events ${expected.join(', ')}`);

  for (const request of receiver.received) {
    expect(request.verified, `${request.payload.event}: ${request.verificationError}`).toBe(true);
    expect(request.headers['webhook-id']).toMatch(/^msg_/);
    expect(request.headers['x-chatwoot-delivery']).toBe(request.webhookId);
    expect(request.headers['x-chatwoot-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
  }

  const accountObject = { id: account.account.id, name: account.account.name };
  expect(byEvent('contact_created')[0].payload).toMatchObject({ event: 'contact_created', id: contactId, name: 'Rita Receiver', email: 'rita@example.test', type: 'contact', account: accountObject });
  expect(byEvent('contact_updated')[0].payload).toMatchObject({
    event: 'contact_updated',
    name: 'Rita R.',
    changed_attributes: [{ name: { previous_value: 'Rita Receiver', current_value: 'Rita R.' } }],
  });
  expect(byEvent('conversation_created')[0].payload).toMatchObject({
    event: 'conversation_created',
    id: displayId,
    inbox_id: account.apiInbox.id,
    status: 'open',
    meta: { sender: { id: contactId } },
    inbox: { id: account.apiInbox.id, name: 'API' },
    account: accountObject,
  });
  const messages = byEvent('message_created').map((request) => request.payload);
  expect(messages.find((m) => m.content === 'Where is my order?')).toMatchObject({
    event: 'message_created',
    message_type: 'incoming',
    content_type: 'text',
    sender: { id: contactId, type: 'contact' },
    conversation: { id: displayId },
    inbox: { id: account.apiInbox.id },
    account: accountObject,
  });
  expect(messages.find((m) => m.content === 'On its way!')).toMatchObject({ message_type: 'outgoing', sender: { id: account.admin.id, type: 'user' } });
  expect(byEvent('conversation_status_changed')[0].payload).toMatchObject({ event: 'conversation_status_changed', id: displayId, status: 'resolved' });
  expect(byEvent('conversation_updated')[0].payload).toMatchObject({
    event: 'conversation_updated',
    id: displayId,
    changed_attributes: [{ status: { previous_value: 'open', current_value: 'resolved' } }],
  });
  expect(byEvent('conversation_typing_on')[0].payload).toMatchObject({ event: 'conversation_typing_on', conversation: { id: visitorConversation }, user: { type: 'contact' }, is_private: false });
  expect(byEvent('conversation_typing_off')[0].payload).toMatchObject({ event: 'conversation_typing_off' });
});

it('retries a failing endpoint with the same webhook-id and logs every attempt', { timeout: 60_000 }, async ({ stack, account, client, base }) => {
  const receiver = await receiverWith({ respond: ({ seen }) => (seen < 2 ? { status: 500, body: 'database down' } : { status: 204 }) });
  const created = await client.post(`${base}/webhooks`, { url: receiver.url, subscriptions: ['contact_created'] });
  receiver.trust(created.body.payload.webhook.secret);
  const webhookId = created.body.payload.webhook.id;
  expect((await client.post(`${base}/contacts`, { name: 'Third Time Lucky' })).status).toBe(200);

  const deliveries = async () => (await client.get(`${base}/webhooks/${webhookId}/deliveries`)).body.payload;
  await waitUntil(async () => (await deliveries())[0]?.status === 'delivered', 'the delivery to succeed on its third attempt');
  expect(receiver.received).toHaveLength(3);
  expect(new Set(receiver.received.map((request) => request.webhookId)).size).toBe(1);
  expect(receiver.received.every((request) => request.verified)).toBe(true);
  const [delivery] = await deliveries();
  expect(delivery).toMatchObject({ event: 'contact_created', status: 'delivered', attempt_count: 3, last_status_code: 204, webhook_message_id: receiver.received[0].webhookId });
  expect(delivery.attempts.map((attempt: any) => attempt.status_code)).toEqual([500, 500, 204]);
  expect(delivery.attempts[0].response_excerpt).toBe('database down');
  for (const attempt of delivery.attempts) expect(attempt.latency_ms).toBeGreaterThanOrEqual(0);

  // Replay: the same event, the same webhook-id, a fourth attempt in the log.
  const replay = await client.post(`${base}/webhooks/${webhookId}/deliveries/${delivery.id}/replay`);
  expect(replay.status).toBe(200);
  expect(replay.body.payload.status).toBe('pending');
  await waitUntil(async () => (await deliveries())[0]?.attempt_count === 4 && (await deliveries())[0]?.status === 'delivered', 'the replay to arrive');
  expect(receiver.received).toHaveLength(4);
  expect(receiver.received[3].webhookId).toBe(receiver.received[0].webhookId);
  expect(receiver.received[3].body).toBe(receiver.received[0].body);
  const filtered = await client.get(`${base}/webhooks/${webhookId}/deliveries?status=failed`);
  expect(filtered.body.payload).toEqual([]);
  void stack;
  void account;
});

it('disables an endpoint that answers 410 Gone at once, and re-enabling replays what it missed', { timeout: 60_000 }, async ({ client, base }) => {
  let gone = true;
  const receiver = await receiverWith({ respond: () => (gone ? { status: 410 } : { status: 200 }) });
  const created = await client.post(`${base}/webhooks`, { url: receiver.url, subscriptions: ['contact_created'] });
  const webhookId = created.body.payload.webhook.id;
  receiver.trust(created.body.payload.webhook.secret);
  expect((await client.post(`${base}/contacts`, { name: 'Gone Girl' })).status).toBe(200);
  const show = async () => (await client.get(`${base}/webhooks`)).body.payload.webhooks.find((w: any) => w.id === webhookId);
  await waitUntil(async () => (await show()).enabled === false, 'the webhook to be disabled');
  expect(await show()).toMatchObject({ enabled: false, disabled_reason: 'gone' });
  expect(receiver.received).toHaveLength(1);

  // While off, what it misses is kept (skipped), not sent.
  expect((await client.post(`${base}/contacts`, { name: 'Missed While Off' })).status).toBe(200);
  const deliveries = async () => (await client.get(`${base}/webhooks/${webhookId}/deliveries`)).body.payload;
  // The endpoint is switched off as the 410 comes in; its delivery is marked failed a moment later.
  const statuses = async () => (await deliveries()).map((d: any) => d.status).sort().join(',');
  await waitUntil(async () => (await statuses()) === 'failed,skipped', 'the 410 delivery failed and the missed event recorded as skipped');

  gone = false;
  const enabled = await client.patch(`${base}/webhooks/${webhookId}`, { enabled: true, replay_missed: true });
  expect(enabled.status).toBe(200);
  expect(enabled.body.payload).toMatchObject({ webhook: { enabled: true, disabled_reason: null }, replayed: 2 });
  await waitUntil(async () => (await deliveries()).every((d: any) => d.status === 'delivered'), 'both missed events to arrive');
  expect(receiver.unique().map((request) => request.payload.name).sort()).toEqual(['Gone Girl', 'Missed While Off']);
});

it('signs with both secrets while a rotation overlaps, so receivers switch without a gap', { timeout: 60_000 }, async ({ client, base }) => {
  const receiver = await receiverWith();
  const created = await client.post(`${base}/webhooks`, { url: receiver.url, subscriptions: ['contact_created'] });
  const oldSecret = created.body.payload.webhook.secret;
  const rotated = await client.post(`${base}/webhooks/${created.body.payload.webhook.id}/rotate_secret`, { overlap_seconds: 3600 });
  expect(rotated.status).toBe(200);
  const newSecret = rotated.body.payload.webhook.secret;
  expect(newSecret).not.toBe(oldSecret);
  expect(rotated.body.payload.webhook.previous_secret_expires_at).toBeGreaterThan(Date.now() / 1000);

  receiver.trust(oldSecret);
  expect((await client.post(`${base}/contacts`, { name: 'Old Secret Reader' })).status).toBe(200);
  await waitUntil(async () => receiver.received.length === 1, 'the first event');
  receiver.trust(newSecret);
  expect((await client.post(`${base}/contacts`, { name: 'New Secret Reader' })).status).toBe(200);
  await waitUntil(async () => receiver.received.length === 2, 'the second event');
  expect(receiver.received.map((request) => request.verified)).toEqual([true, true]);
  expect(String(receiver.received[1].headers['webhook-signature']).split(' ')).toHaveLength(2);
});

it('sends an agent’s reply in an API inbox to the inbox’s callback URL, signed and retried the same way', { timeout: 60_000 }, async ({ stack, account, client, base }) => {
  const receiver = await receiverWith();
  const inbox = await client.post(`${base}/inboxes`, { name: 'Bot bridge', channel: { type: 'api', webhook_url: receiver.url } });
  expect(inbox.status).toBe(200);
  const inboxId = inbox.body.id;
  const shown = await client.get(`${base}/inboxes/${inboxId}`);
  expect(shown.body.webhook_url).toBe(receiver.url);
  receiver.trust(shown.body.secret);
  const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Integrator Customer' });
  const conversation = await client.post(`${base}/conversations`, { inbox_id: inboxId, contact_id: contact.id });
  const displayId = conversation.body.id;
  // The integration posts the customer's message; the agent answers; only the answer goes back.
  expect((await client.post(`${base}/conversations/${displayId}/messages`, { content: 'From the bridge', message_type: 'incoming' })).status).toBe(200);
  expect((await client.post(`${base}/conversations/${displayId}/messages`, { content: 'Private thought', message_type: 'outgoing', private: true })).status).toBe(200);
  expect((await client.post(`${base}/conversations/${displayId}/messages`, { content: 'Agent answer', message_type: 'outgoing' })).status).toBe(200);
  await waitUntil(async () => receiver.received.length >= 1, 'the agent’s reply at the callback URL');
  expect(receiver.received).toHaveLength(1);
  expect(receiver.received[0].verified).toBe(true);
  expect(receiver.received[0].payload).toMatchObject({ event: 'message_created', content: 'Agent answer', message_type: 'outgoing', conversation: { id: displayId } });
});
