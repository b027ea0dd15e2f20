import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';
import { publicRequestsPerMinute } from './index.js';
import { readEventStream, startVisitor, visitorClient } from '../../../tests/support/visitor.js';

describe('the public client API keeps visitors apart', () => {
  let stack: TestStack;
  let account: TestAccount;
  let agent: ReturnType<typeof apiClient>;
  let base: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    agent = apiClient(stack, account.agent.token);
    base = `/api/v1/accounts/${account.account.id}`;
  });
  afterAll(() => stack.close());

  it("another visitor's identifier can neither read nor write the conversation", async () => {
    const owner = await startVisitor(stack, account, '10.2.0.1', { name: 'Owner' });
    const id = await owner.startConversation();
    await owner.client.post(`${owner.contactPath}/conversations/${id}/messages`, { content: 'my secret order number is 4711' });
    const intruder = await startVisitor(stack, account, '10.2.0.2', { name: 'Intruder' });

    const read = await intruder.client.get(`${intruder.contactPath}/conversations/${id}/messages`);
    expect(read.status).toBe(404);
    expect(JSON.stringify(read.body)).not.toContain('4711');
    const write = await intruder.client.post(`${intruder.contactPath}/conversations/${id}/messages`, { content: 'hijack' });
    expect(write.status).toBe(404);
    const seen = await intruder.client.post(`${intruder.contactPath}/conversations/${id}/update_last_seen`);
    expect(seen.status).toBe(404);
    expect((await intruder.client.get(`${intruder.contactPath}/conversations`)).body).toEqual([]);

    const messages = await agent.get(`${base}/conversations/${id}/messages`);
    expect(messages.body.payload.map((m: { content: string }) => m.content)).toEqual(['my secret order number is 4711']);
  });

  it('claiming a known e-mail links to the contact but not to its conversations', async () => {
    const owner = await startVisitor(stack, account, '10.2.0.3', { name: 'Maria', email: 'maria@example.test' });
    await owner.startConversation();
    const claimer = await startVisitor(stack, account, '10.2.0.4', { email: 'maria@example.test', name: 'Not Maria' });
    expect(claimer.contact.id).toBe(owner.contact.id);
    expect(claimer.contact.name).toBe('Maria');
    expect((await claimer.client.get(`${claimer.contactPath}/conversations`)).body).toEqual([]);

    // Nor can the claimer rewrite the contact they were joined to; they may only fill what is missing.
    const rewritten = await claimer.client.patch(claimer.contactPath, { name: 'Mallory', email: 'mallory@example.test', phone_number: '+15550001111' });
    expect(rewritten.status).toBe(200);
    expect(rewritten.body).toMatchObject({ name: 'Maria', email: 'maria@example.test', phone_number: '+15550001111' });
    expect((await owner.client.get(owner.contactPath)).body).toMatchObject({ name: 'Maria', email: 'maria@example.test' });
  });

  it('answers 404 for an unknown inbox, an unknown contact, a contact of another inbox, and non-public channels', async () => {
    const client = visitorClient(stack, '10.2.0.5');
    expect((await client.get('/public/api/v1/inboxes/no-such-inbox')).status).toBe(404);
    expect((await client.post('/public/api/v1/inboxes/no-such-inbox/contacts', {})).status).toBe(404);
    const visitor = await startVisitor(stack, account, '10.2.0.5');
    expect((await client.get(`${visitor.inboxPath}/contacts/not-a-real-identifier`)).status).toBe(404);
    // The same contact identifier through the API inbox: it only exists in the website inbox.
    expect((await client.get(`/public/api/v1/inboxes/${account.apiInbox.identifier}/contacts/${visitor.contact.source_id}`)).status).toBe(404);
    const stream = await client.raw(`/public/api/v1/inboxes/${account.inbox.identifier}/contacts/${visitor.contact.source_id}/events`);
    expect(stream.status).toBe(200);
    await stream.body?.cancel();
    expect((await client.get(`/public/api/v1/inboxes/no-such-inbox/contacts/${visitor.contact.source_id}/events`)).status).toBe(404);
  });

  it('never returns private notes in the message list, and refuses reserved echo ids', async () => {
    const visitor = await startVisitor(stack, account, '10.2.0.6');
    const id = await visitor.startConversation();
    await visitor.client.post(`${visitor.contactPath}/conversations/${id}/messages`, { content: 'Hello?' });
    await agent.post(`${base}/conversations/${id}/messages`, { content: 'Note: this customer owes us money', private: true });
    await agent.post(`${base}/conversations/${id}/messages`, { content: 'Hello! How can we help?' });
    const list = await visitor.client.get(`${visitor.contactPath}/conversations/${id}/messages`);
    expect(list.status).toBe(200);
    expect(list.body.map((m: { content: string }) => m.content)).toEqual(['Hello?', 'Hello! How can we help?']);
    const conversations = await visitor.client.get(`${visitor.contactPath}/conversations`);
    expect(JSON.stringify(conversations.body)).not.toContain('owes us money');

    const reserved = await visitor.client.post(`${visitor.contactPath}/conversations/${id}/messages`, { content: 'x', echo_id: 'lifecycle:abc:1' });
    expect(reserved.status).toBe(422);
    expect(reserved.body.error.field).toBe('echo_id');
  });

  it("does not stream another visitor's messages", async () => {
    const watcher = await startVisitor(stack, account, '10.2.0.7');
    await watcher.startConversation();
    const other = await startVisitor(stack, account, '10.2.0.8');
    const otherId = await other.startConversation();
    const stream = readEventStream(await watcher.client.raw(`${watcher.contactPath}/events`));
    try {
      await stream.waitFor((e) => e.event === 'ready');
      await agent.post(`${base}/conversations/${otherId}/messages`, { content: 'for the other visitor only' });
      await other.client.post(`${other.contactPath}/conversations/${otherId}/messages`, { content: 'their own words' });
      // A message of the watcher's own afterwards proves the stream was live while the others passed.
      const ownId = (await watcher.client.get(`${watcher.contactPath}/conversations`)).body[0].id;
      await agent.post(`${base}/conversations/${ownId}/messages`, { content: 'for the watcher' });
      await stream.waitFor((e) => e.data?.content === 'for the watcher');
      expect(stream.raw()).not.toContain('for the other visitor only');
      expect(stream.raw()).not.toContain('their own words');
    } finally {
      await stream.close();
    }
  });

  it('limits requests per address and answers 429 with Retry-After', async () => {
    const flooder = visitorClient(stack, '10.2.9.9');
    let last = await flooder.get(`/public/api/v1/inboxes/${account.inbox.identifier}`);
    for (let i = 1; i < publicRequestsPerMinute; i++) last = await flooder.get(`/public/api/v1/inboxes/${account.inbox.identifier}`);
    expect(last.status).toBe(200);
    const limited = await flooder.get(`/public/api/v1/inboxes/${account.inbox.identifier}`);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await visitorClient(stack, '10.2.9.10').get(`/public/api/v1/inboxes/${account.inbox.identifier}`)).status).toBe(200);
  });
});
