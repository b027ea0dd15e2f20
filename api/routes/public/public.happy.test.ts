import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishLiveEvent, type LiveEvent } from '../../../db/queries/events.js';
import { conversations } from '../../../db/schema/index.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';
import { poll, readEventStream, startVisitor, visitorClient } from '../../../tests/support/visitor.js';

describe('the public client API (website widget)', () => {
  let stack: TestStack;
  let account: TestAccount;
  let agent: ReturnType<typeof apiClient>;
  let base: string;

  beforeAll(async () => {
    stack = await startTestStack();
    account = await createTestAccount(stack);
    agent = apiClient(stack, account.agent.token);
    base = `/api/v1/accounts/${account.account.id}`;
  });
  afterAll(() => stack.close());

  it("shows the inbox's widget settings", async () => {
    const shown = await visitorClient(stack, '10.1.0.1').get(`/public/api/v1/inboxes/${account.inbox.identifier}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ name: 'Website', identifier: account.inbox.identifier, widget_color: expect.any(String) });
    expect(shown.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('documents the public routes in the OpenAPI document', async () => {
    const doc = await stack.app.request('/api/openapi.json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(((await doc.json()) as { paths: Record<string, unknown> }).paths);
    expect(paths).toContain('/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/messages');
  });

  it('creates a contact, a conversation and a message; the agent reads it through the Application API', async () => {
    const visitor = await startVisitor(stack, account, '10.1.0.2', { name: 'Vera Visitor', email: 'vera@example.test' });
    expect(visitor.contact).toMatchObject({ name: 'Vera Visitor', email: 'vera@example.test' });
    expect(visitor.contact.source_id.length).toBeGreaterThanOrEqual(43);

    const conversation = await visitor.client.post(`${visitor.contactPath}/conversations`, {}, { 'accept-language': 'pt-BR,pt;q=0.9', referer: 'https://shop.example/cart' });
    expect(conversation.status).toBe(200);
    expect(conversation.body).toMatchObject({ status: 'open', inbox_id: account.inbox.id, messages: [], contact: { name: 'Vera Visitor' } });
    const id = conversation.body.id as number;

    const sent = await visitor.client.post(`${visitor.contactPath}/conversations/${id}/messages`, { content: 'Where is my order?', echo_id: 'widget-1' });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ content: 'Where is my order?', message_type: 0, conversation_id: id, echo_id: 'widget-1', sender: { type: 'contact', name: 'Vera Visitor' } });
    const retried = await visitor.client.post(`${visitor.contactPath}/conversations/${id}/messages`, { content: 'Where is my order?', echo_id: 'widget-1' });
    expect(retried.body.id).toBe(sent.body.id);

    const seenByAgent = await agent.get(`${base}/conversations/${id}/messages`);
    expect(seenByAgent.status).toBe(200);
    expect(seenByAgent.body.payload.map((m: { content: string; message_type: number }) => [m.content, m.message_type])).toEqual([['Where is my order?', 0]]);
    const shown = await agent.get(`${base}/conversations/${id}`);
    expect(shown.body.additional_attributes).toMatchObject({ browser_language: 'pt-BR', referer: 'https://shop.example/cart' });

    const listed = await visitor.client.get(`${visitor.contactPath}/conversations`);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0].messages.map((m: { content: string }) => m.content)).toEqual(['Where is my order?']);
  });

  it('gives each visitor their own contact, which they may update', async () => {
    const first = await startVisitor(stack, account, '10.1.0.3', { name: 'Paula', email: 'paula@example.test' });
    const second = await startVisitor(stack, account, '10.1.0.3', { name: 'Someone else', email: 'PAULA@example.test' });
    expect(second.contact.id).not.toBe(first.contact.id);
    expect(second.contact).toMatchObject({ name: 'Someone else', email: 'paula@example.test' });

    const anonymous = await startVisitor(stack, account, '10.1.0.3');
    const updated = await anonymous.client.patch(anonymous.contactPath, { name: 'Rui', phone_number: '+55 11 91234-5678', custom_attributes: { plan: 'pro' } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: anonymous.contact.id, name: 'Rui', phone_number: '+5511912345678', custom_attributes: { plan: 'pro' } });
    expect((await anonymous.client.get(anonymous.contactPath)).body.name).toBe('Rui');
  });

  it("streams an agent's reply and status changes to the visitor, never a private note", async () => {
    const visitor = await startVisitor(stack, account, '10.1.0.4', { name: 'Sam' });
    const id = await visitor.startConversation();
    const listeners = () => (stack.deps.events as unknown as { listeners: Set<unknown> }).listeners.size;
    const listenersBefore = listeners();
    const response = await visitor.client.raw(`${visitor.contactPath}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const stream = readEventStream(response);
    try {
      await stream.waitFor((e) => e.event === 'ready');
      await agent.post(`${base}/conversations/${id}/messages`, { content: 'Internal: VIP customer', private: true });
      await agent.post(`${base}/conversations/${id}/messages`, { content: 'Hi Sam, how can I help?' });
      const reply = await stream.waitFor((e) => e.event === 'message.created' && e.data.content === 'Hi Sam, how can I help?');
      expect(reply.data).toMatchObject({ message_type: 1, conversation_id: id, sender: { type: 'user', name: 'Alan Agent' } });
      expect(reply.data.sender).not.toHaveProperty('email');

      await agent.post(`${base}/conversations/${id}/toggle_status`, { status: 'resolved' });
      await stream.waitFor((e) => e.event === 'conversation.status_changed' && e.data.status === 'resolved');
      expect(stream.raw()).not.toContain('VIP customer');
      expect(stream.events.some((e) => e.data?.private === true)).toBe(false);
      expect(listeners()).toBe(listenersBefore + 1);
    } finally {
      await stream.close();
    }
    // Closing the stream unsubscribes it from the bus.
    await poll(async () => listeners(), (n) => n === listenersBefore, 2_000);
    expect(listeners()).toBe(listenersBefore);
  });

  it('reopens a resolved conversation when the visitor writes again', async () => {
    const visitor = await startVisitor(stack, account, '10.1.0.5');
    const id = await visitor.startConversation();
    await visitor.client.post(`${visitor.contactPath}/conversations/${id}/messages`, { content: 'Thanks, bye' });
    const resolved = await agent.post(`${base}/conversations/${id}/toggle_status`, { status: 'resolved' });
    expect(resolved.status).toBe(200);
    await visitor.client.post(`${visitor.contactPath}/conversations/${id}/messages`, { content: 'Actually, one more thing' });
    const status = await poll(
      async () => (await stack.db.select({ status: conversations.status }).from(conversations).where(and(eq(conversations.accountId, account.account.id), eq(conversations.displayId, id))))[0]?.status,
      (value) => value === 'open',
    );
    expect(status).toBe('open');
  });

  it('records when the visitor last saw the conversation', async () => {
    const visitor = await startVisitor(stack, account, '10.1.0.6');
    const id = await visitor.startConversation();
    const seen = await visitor.client.post(`${visitor.contactPath}/conversations/${id}/update_last_seen`);
    expect(seen.status).toBe(200);
    const listed = await visitor.client.get(`${visitor.contactPath}/conversations`);
    expect(listed.body[0].contact_last_seen_at).toEqual(expect.any(Number));
  });

  it("announces the visitor's typing to agents, and streams only agents' typing back", async () => {
    const visitor = await startVisitor(stack, account, '10.1.0.7');
    const id = await visitor.startConversation();
    const heard: LiveEvent[] = [];
    const unsubscribe = stack.deps.events.subscribe((event) => heard.push(event));
    const stream = readEventStream(await visitor.client.raw(`${visitor.contactPath}/events`));
    try {
      await stream.waitFor((e) => e.event === 'ready');
      const typed = await visitor.client.post(`${visitor.contactPath}/conversations/${id}/toggle_typing`, { typing_status: 'on' });
      expect(typed.status).toBe(200);
      await poll(async () => heard.length, () => heard.some((e) => e.type === 'conversation.typing_on'), 5_000);
      expect(heard.find((e) => e.type === 'conversation.typing_on')).toMatchObject({ inboxId: account.inbox.id, actor: { type: 'contact', id: visitor.contact.id } });

      const [row] = await stack.db.select().from(conversations).where(and(eq(conversations.accountId, account.account.id), eq(conversations.displayId, id)));
      await publishLiveEvent(stack.db, { type: 'conversation.typing_on', accountId: row.accountId, inboxId: row.inboxId, conversationId: row.id, actor: { type: 'user', id: account.agent.id } });
      const agentTyping = await stream.waitFor((e) => e.event === 'conversation.typing_on');
      expect(agentTyping.data).toEqual({ id });
      expect(stream.events.filter((e) => e.event === 'conversation.typing_on')).toHaveLength(1);
    } finally {
      unsubscribe();
      await stream.close();
    }
  });

  it('anonymous visitors get readable names of their own, are listed as contacts once they write, and keep a name they give', async () => {
    const first = await startVisitor(stack, account, '10.1.0.8');
    const second = await startVisitor(stack, account, '10.1.0.8');
    const silent = await startVisitor(stack, account, '10.1.0.8');
    expect(first.contact.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(second.contact.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(second.contact.name).not.toBe(first.contact.name);

    for (const visitor of [first, second]) {
      const conversation = await visitor.client.post(`${visitor.contactPath}/conversations`, {});
      await visitor.client.post(`${visitor.contactPath}/conversations/${conversation.body.id}/messages`, { content: 'Hello?' });
    }
    const listed = (await agent.get(`${base}/contacts?page=1`)).body.payload.map((c: { id: number }) => c.id);
    expect(listed).toEqual(expect.arrayContaining([first.contact.id, second.contact.id]));
    expect(listed).not.toContain(silent.contact.id);
    expect((await agent.get(`${base}/contacts/search?q=${encodeURIComponent(silent.contact.name)}`)).body.payload.map((c: { id: number }) => c.id)).not.toContain(silent.contact.id);

    const named = await first.client.patch(first.contactPath, { name: 'Fiona First' });
    expect(named.body.name).toBe('Fiona First');
    const shown = await agent.get(`${base}/contacts/${first.contact.id}`);
    expect(shown.body.payload).toMatchObject({ name: 'Fiona First' });
    expect(shown.body.payload.additional_attributes.generated_name).toBeUndefined();
  });
});
