import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';
import { identityHash } from '../../../core/auth/identity-hash.js';
import { publicRequestsPerMinute } from './index.js';
import { contacts } from '../../../db/schema/index.js';
import { readEventStream, startVisitor, visitorClient } from '../../../tests/support/visitor.js';

describe('the public client API keeps visitors apart', () => {
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

  it("claiming a customer's e-mail or phone gives a new contact that shows nothing of theirs, and cannot rewrite them", async () => {
    // An agent's contact with no inbox link yet: the one an anonymous POST used to adopt and a PATCH to rewrite.
    const customer = await admin.post(`${base}/contacts`, { name: 'Maria Customer', email: 'maria@example.test', phone_number: '+15550002222', custom_attributes: { plan: 'gold' } });
    expect(customer.status).toBe(200);
    const customerId = customer.body.payload.contact.id as number;
    const owner = await startVisitor(stack, account, '10.2.0.3', { identifier: 'maria-1', identifier_hash: identityHash(account.inbox.hmacToken, 'maria-1') });
    await owner.startConversation();

    const byEmail = await startVisitor(stack, account, '10.2.0.4', { email: 'MARIA@example.test' });
    const byPhone = await startVisitor(stack, account, '10.2.0.4', { phone_number: '+1 555 000 2222', name: 'Curious' });
    for (const claimer of [byEmail, byPhone]) {
      expect(claimer.contact.id).not.toBe(customerId);
      const shown = JSON.stringify((await claimer.client.get(claimer.contactPath)).body);
      expect(shown).not.toContain('Maria Customer');
      expect(shown).not.toContain('gold');
      expect((await claimer.client.get(`${claimer.contactPath}/conversations`)).body).toEqual([]);
    }
    // The claimer sees back what they typed, so the answer does not tell whether the address is known.
    expect(byEmail.contact).toMatchObject({ name: expect.stringMatching(/^[A-Z][a-z]+ [A-Z][a-z]+$/), email: 'maria@example.test', phone_number: null });
    expect(byPhone.contact).toMatchObject({ name: 'Curious', email: null, phone_number: '+15550002222' });

    const rewritten = await byEmail.client.patch(byEmail.contactPath, { name: 'Mallory', email: 'maria@example.test', phone_number: '+15550002222', custom_attributes: { plan: 'free' } });
    expect(rewritten.status).toBe(200);
    expect(rewritten.body.id).toBe(byEmail.contact.id);
    const after = (await admin.get(`${base}/contacts/${customerId}`)).body.payload;
    expect(after).toMatchObject({ name: 'Maria Customer', email: 'maria@example.test', phone_number: '+15550002222', custom_attributes: { plan: 'gold' } });
    // The agents see the claim on the new contact, to merge the two if it is really her.
    const claimerSeenByAgent = (await admin.get(`${base}/contacts/${byEmail.contact.id}`)).body.payload;
    expect(claimerSeenByAgent).toMatchObject({ name: 'Mallory', email: null, additional_attributes: { claimed_email: 'maria@example.test', claimed_phone_number: '+15550002222' } });
  });

  it('joins a visitor to the contact with an identifier only when identifier_hash proves it', async () => {
    const customer = await admin.post(`${base}/contacts`, { name: 'Ivo Identified', identifier: 'crm-42', email: 'ivo@example.test' });
    const customerId = customer.body.payload.contact.id as number;
    const secret = (await admin.get(`${base}/inboxes/${account.inbox.id}`)).body.hmac_token as string;

    const unproven = [{}, { identifier_hash: 'not-a-hash' }, { identifier_hash: identityHash('another inbox secret', 'crm-42') }, { identifier_hash: identityHash(secret, 'crm-43') }];
    for (const proof of unproven) {
      const walker = await startVisitor(stack, account, '10.2.0.9', { identifier: 'crm-42', ...proof });
      expect(walker.contact.id).not.toBe(customerId);
      expect(JSON.stringify(walker.contact)).not.toContain('Ivo');
      const patched = await walker.client.patch(walker.contactPath, { identifier: 'crm-42', ...proof, name: 'Walker' });
      expect(patched.status).toBe(200);
      expect(patched.body.id).toBe(walker.contact.id);
    }

    const signedIn = await startVisitor(stack, account, '10.2.0.10', { identifier: 'crm-42', identifier_hash: identityHash(secret, 'crm-42').toUpperCase() });
    expect(signedIn.contact).toMatchObject({ id: customerId, name: 'Ivo Identified', email: 'ivo@example.test' });
    const renamed = await signedIn.client.patch(signedIn.contactPath, { name: 'Ivo I.' });
    expect(renamed.body).toMatchObject({ id: customerId, name: 'Ivo I.' });

    // Chatwoot's setUser after an anonymous start: the proven identifier moves this browser and its conversation over.
    const anonymous = await startVisitor(stack, account, '10.2.0.10');
    const conversationId = await anonymous.startConversation();
    const identified = await anonymous.client.patch(anonymous.contactPath, { identifier: 'crm-42', identifier_hash: identityHash(secret, 'crm-42') });
    expect(identified.body.id).toBe(customerId);
    const conversation = (await admin.get(`${base}/conversations/${conversationId}`)).body;
    expect(conversation.meta.sender.id).toBe(customerId);
    // Someone else signing in on that browser does not inherit Ivo's conversations.
    const someoneElse = await anonymous.client.patch(anonymous.contactPath, { identifier: 'crm-99', identifier_hash: identityHash(secret, 'crm-99') });
    expect(someoneElse.status).toBe(409);
    expect(someoneElse.body.error.field).toBe('identifier');
  });

  it('refuses an identifier without a valid hash when the inbox requires identity validation, writing nothing', async () => {
    const strict = await createTestAccount(stack);
    const strictAdmin = apiClient(stack, strict.admin.token);
    const switched = await strictAdmin.patch(`/api/v1/accounts/${strict.account.id}/inboxes/${strict.inbox.id}`, { channel: { hmac_mandatory: true } });
    expect(switched.body.hmac_mandatory).toBe(true);
    // Counted in Postgres: the contacts list leaves out visitors who have not written yet.
    const contactCount = () => stack.db.$count(contacts, eq(contacts.accountId, strict.account.id));
    const client = visitorClient(stack, '10.2.0.11');
    const inboxPath = `/public/api/v1/inboxes/${strict.inbox.identifier}`;

    for (const proof of [{}, { identifier_hash: identityHash(strict.inbox.hmacToken, 'someone-else') }]) {
      const refused = await client.post(`${inboxPath}/contacts`, { identifier: 'crm-7', name: 'Eve', ...proof });
      expect(refused.status).toBe(401);
      expect(refused.body.error.field).toBe('identifier_hash');
    }
    expect(await contactCount()).toBe(0);
    // Anonymous visitors still chat; they just cannot claim an identity.
    const anonymous = await client.post(`${inboxPath}/contacts`, { name: 'Anon' });
    expect(anonymous.status).toBe(200);
    const claimed = await client.patch(`${inboxPath}/contacts/${anonymous.body.source_id}`, { identifier: 'crm-7', name: 'Eve' });
    expect(claimed.status).toBe(401);
    expect((await client.get(`${inboxPath}/contacts/${anonymous.body.source_id}`)).body.name).toBe('Anon');
    const proven = await client.post(`${inboxPath}/contacts`, { identifier: 'crm-7', identifier_hash: identityHash(strict.inbox.hmacToken, 'crm-7') });
    expect(proven.status).toBe(200);
    expect(await contactCount()).toBe(2);
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
