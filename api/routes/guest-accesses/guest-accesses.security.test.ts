import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { portalPath, signInGuest, type GuestClient } from '../../../tests/support/guest.js';
import { sessionCookieOf, signInRequest } from '../../../tests/support/auth.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';
import { readEventStream, startVisitor } from '../../../tests/support/visitor.js';

const guestAddress = '198.51.100.62';

describe('isolation: a guest reaches only the conversations they hold, and nothing once revoked', () => {
  let stack: TestStack;
  let account: TestAccount;
  let other: TestAccount;
  let admin: ReturnType<typeof apiClient>;
  let base: string;
  let conversationA: number;
  let conversationB: number;
  let accessA: number;
  let guestA: GuestClient;
  let guestACookie: string;
  let guestB: GuestClient;
  let fileOfB: { id: number; data_url: string };

  const portal = (rest: string) => portalPath(account.account.id, rest);

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    other = await createTestAccount(stack);
    admin = apiClient(stack, account.admin.token);
    base = `/api/v1/accounts/${account.account.id}`;
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Owner' });
    conversationA = (await admin.post(`${base}/conversations`, { inbox_id: account.inbox.id, contact_id: contact.id })).body.id;
    conversationB = (await admin.post(`${base}/conversations`, { inbox_id: account.inbox.id, contact_id: contact.id })).body.id;
    const created = await admin.post(`${base}/conversations/${conversationA}/guest_accesses`, { email: 'guest-a@example.test', password: 'Secret-Apple-41', content: 'Hello A', send_email: false });
    accessA = created.body.id;
    const formB = new FormData();
    formB.append('email', 'guest-b@example.test');
    formB.append('password', 'Secret-Berry-42');
    formB.append('content', 'Hello B');
    formB.append('send_email', 'false');
    formB.append('attachments[]', new File([Buffer.from('%PDF-1.7 only for B')], 'b.pdf', { type: 'application/pdf' }));
    const createdB = await admin.post(`${base}/conversations/${conversationB}/guest_accesses`, formB);
    fileOfB = createdB.body.message.attachments[0];
    const signedInA = await signInGuest(stack, { accountId: account.account.id, email: 'guest-a@example.test', password: 'Secret-Apple-41', address: guestAddress });
    guestA = signedInA.client;
    guestACookie = signedInA.cookie;
    guestB = (await signInGuest(stack, { accountId: account.account.id, email: 'guest-b@example.test', password: 'Secret-Berry-42', address: guestAddress })).client;
  });
  afterAll(() => stack.close());

  it("guest A cannot read, write or list the files of guest B's conversation, nor guess it by id", async () => {
    for (const id of [conversationB, conversationB + 100]) {
      expect((await guestA.get(portal(`/conversations/${id}/messages`))).status).toBe(404);
      expect((await guestA.get(portal(`/conversations/${id}/documents`))).status).toBe(404);
      expect((await guestA.post(portal(`/conversations/${id}/messages`), { content: 'sneaking in' })).status).toBe(404);
      const upload = new FormData();
      upload.append('attachments[]', new File([Buffer.from('%PDF-1.7 x')], 'x.pdf', { type: 'application/pdf' }));
      expect((await guestA.post(portal(`/conversations/${id}/messages`), upload)).status).toBe(404);
    }
    const thread = await admin.get(`${base}/conversations/${conversationB}/messages`);
    expect(thread.body.payload.map((m: { content: string }) => m.content)).toEqual(['Hello B']);
    expect((await guestA.get(portal('/profile'))).body.conversations.map((c: { id: number }) => c.id)).toEqual([conversationA]);
  });

  it("a file of another conversation cannot be had by guessing its id or key", async () => {
    const guessed = fileOfB.data_url.replace(/\/attachments\/(\d+)\/[^/]+\//, (_m, id) => `/attachments/${id}/${'A'.repeat(32)}/`);
    expect((await guestA.raw(guessed)).status).toBe(404);
    const neighbour = fileOfB.data_url.replace(/\/attachments\/(\d+)\//, (_m, id) => `/attachments/${Number(id) + 1}/`);
    expect((await guestA.raw(neighbour)).status).toBe(404);
  });

  it('private notes never reach the guest, neither listed nor live', async () => {
    const stream = readEventStream(await guestA.raw(portal('/events')));
    await stream.waitFor((e) => e.event === 'ready');
    await admin.post(`${base}/conversations/${conversationA}/messages`, { content: 'internal: do not tell the guest', private: true });
    await admin.post(`${base}/conversations/${conversationB}/messages`, { content: 'for B only' });
    await admin.post(`${base}/conversations/${conversationA}/messages`, { content: 'public for A' });
    await stream.waitFor((e) => e.event === 'message.created' && e.data.content === 'public for A');
    expect(stream.events.filter((e) => e.event === 'message.created').map((e) => e.data.content)).toEqual(['public for A']);
    const listed = await guestA.get(portal(`/conversations/${conversationA}/messages`));
    expect(listed.body.payload.map((m: { content: string }) => m.content)).toEqual(['Hello A', 'public for A']);
    await stream.close();
  });

  it('a guest session is worth nothing on the console API, and a console session nothing in the portal', async () => {
    const cookie = guestACookie;
    const token = cookie.split('=')[1];
    const asConsole = apiClient(stack, undefined, { cookie: cookie.replace('parley_guest_session', 'parley_session'), 'x-requested-with': 'x' });
    expect((await asConsole.get('/api/v1/profile')).status).toBe(401);
    expect((await apiClient(stack, undefined, { cookie }).get('/api/v1/profile')).status).toBe(401);
    expect((await apiClient(stack, undefined, { cookie }).get(`${base}/conversations`)).status).toBe(401);
    expect((await apiClient(stack, token).get(`${base}/conversations/${conversationA}/messages`)).status).toBe(401);
    expect((await apiClient(stack, undefined, { cookie }).get(`${base}/conversations/${conversationA}/guest_accesses`)).status).toBe(401);

    const agentCookie = sessionCookieOf(await signInRequest(stack, account.admin, { 'x-forwarded-for': guestAddress, 'x-requested-with': 'parley-console' }));
    const agentInPortal = apiClient(stack, undefined, { cookie: agentCookie.replace('parley_session', 'parley_guest_session') });
    expect((await agentInPortal.get(portal('/profile'))).status).toBe(401);
    expect((await apiClient(stack, undefined, { cookie: agentCookie }).get(portal(`/conversations/${conversationA}/messages`))).status).toBe(401);
  });

  it("another account's portal does not know the guest, and writes need the portal's CSRF header", async () => {
    const cookie = guestACookie;
    expect((await apiClient(stack, undefined, { cookie }).get(portalPath(other.account.id, '/profile'))).status).toBe(401);
    const wrongPortal = await stack.app.request(portalPath(other.account.id, '/sign_in'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': guestAddress },
      body: JSON.stringify({ email: 'guest-a@example.test', password: 'Secret-Apple-41' }),
    });
    expect(wrongPortal.status).toBe(401);
    expect((await apiClient(stack, undefined, { cookie }).post(portal(`/conversations/${conversationA}/messages`), { content: 'forged' })).status).toBe(403);
  });

  it("the customer in the widget does not see what a guest writes in their conversation", async () => {
    const visitor = await startVisitor(stack, account, '198.51.100.63');
    const widgetConversation = await visitor.startConversation();
    await visitor.client.post(`${visitor.contactPath}/conversations/${widgetConversation}/messages`, { content: 'customer asks' });
    await admin.post(`${base}/conversations/${widgetConversation}/guest_accesses`, { email: 'guest-w@example.test', password: 'Secret-Walnut-43', content: 'Appraiser, please see below', send_email: false });
    const widgetStream = readEventStream(await visitor.client.raw(`${visitor.contactPath}/events`));
    await widgetStream.waitFor((e) => e.event === 'ready');
    const guest = await signInGuest(stack, { accountId: account.account.id, email: 'guest-w@example.test', password: 'Secret-Walnut-43', address: guestAddress });
    await guest.client.post(portal(`/conversations/${widgetConversation}/messages`), { content: 'guest note for the agents' });
    await admin.post(`${base}/conversations/${widgetConversation}/messages`, { content: 'agent reply' });
    await widgetStream.waitFor((e) => e.event === 'message.created' && e.data.content === 'agent reply');
    expect(widgetStream.events.filter((e) => e.event === 'message.created').map((e) => e.data.content)).toEqual(['agent reply']);
    const seen = await visitor.client.get(`${visitor.contactPath}/conversations/${widgetConversation}/messages`);
    expect(seen.body.map((m: { content: string }) => m.content)).not.toContain('guest note for the agents');
    // The guest sees the customer's messages: the conversation is theirs to follow.
    const guestView = await guest.client.get(portal(`/conversations/${widgetConversation}/messages`));
    expect(guestView.body.payload.map((m: { content: string }) => m.content)).toEqual(['customer asks', 'Appraiser, please see below', 'guest note for the agents', 'agent reply']);
    await widgetStream.close();
  });

  it('agents outside the inbox cannot give or manage access to its conversations', async () => {
    const outsider = apiClient(stack, account.outsider.token);
    expect((await outsider.get(`${base}/conversations/${conversationA}/guest_accesses`)).status).toBe(404);
    expect((await outsider.post(`${base}/conversations/${conversationA}/guest_accesses`, { email: 'x@example.test', content: 'hi' })).status).toBe(404);
    expect((await outsider.delete(`${base}/conversations/${conversationA}/guest_accesses/${accessA}`)).status).toBe(404);
    // Another conversation's access id under this conversation is not found either.
    expect((await admin.delete(`${base}/conversations/${conversationB}/guest_accesses/${accessA}`)).status).toBe(404);
  });

  it('an expired guest session answers 401', async () => {
    const session = await signInGuest(stack, { accountId: account.account.id, email: 'guest-b@example.test', password: 'Secret-Berry-42', address: guestAddress });
    await stack.db.execute(sql`update guest_sessions set expires_at = now() - interval '1 second' where token_hash = encode(sha256(${session.cookie.split('=')[1]}::bytea), 'hex')`);
    expect((await session.client.get(portal('/profile'))).status).toBe(401);
    expect((await guestB.get(portal('/profile'))).status).toBe(200);
  });

  it('a revoked access fails at once: open stream closed with revoked, every route 401, sign-in refused', async () => {
    const stream = readEventStream(await guestA.raw(portal('/events')));
    await stream.waitFor((e) => e.event === 'ready');
    const revoked = await admin.delete(`${base}/conversations/${conversationA}/guest_accesses/${accessA}`);
    expect(revoked.body).toMatchObject({ status: 'revoked', revoked_at: expect.any(Number) });
    await stream.waitFor((e) => e.event === 'revoked' && e.data.reason === 'access_revoked');
    expect((await guestA.get(portal('/profile'))).status).toBe(401);
    expect((await guestA.get(portal(`/conversations/${conversationA}/messages`))).status).toBe(401);
    expect((await guestA.post(portal(`/conversations/${conversationA}/messages`), { content: 'still here?' })).status).toBe(401);
    expect((await guestA.raw(portal('/events'))).status).toBe(401);
    const again = await stack.app.request(portal('/sign_in'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': guestAddress },
      body: JSON.stringify({ email: 'guest-a@example.test', password: 'Secret-Apple-41' }),
    });
    expect(again.status).toBe(401);
    // Guest B is untouched.
    expect((await guestB.get(portal(`/conversations/${conversationB}/messages`))).status).toBe(200);
    await stream.close();
  });
});
