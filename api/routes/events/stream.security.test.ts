import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../create-api.js';
import type { LiveStreamLimits } from '../../../core/events/live-stream.js';
import { addUserToAccount, createInboxRecord, issueAccessToken } from '../../../core/services/accounts/bootstrap.js';
import { revokeSession } from '../../../db/queries/auth.js';
import { insertContact } from '../../../db/queries/contacts.js';
import { publishLiveEvent } from '../../../db/queries/events.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';
import { poll, readEventStream } from '../../../tests/support/visitor.js';

/** Another API process on the same Postgres and bus, with its own stream limits. */
function apiProcess(stack: TestStack, liveStreams: Partial<LiveStreamLimits>) {
  return { app: createApi({ ...stack.deps, config: { ...stack.deps.config, liveStreams } }) };
}

type Stream = ReturnType<typeof readEventStream>;
const messageContents = (stream: Stream) => stream.events.filter((e) => e.event === 'message.created').map((e) => e.data.message.content as string);

describe('the console event stream shows each user only what they may see, for as long as they may', () => {
  let stack: TestStack;
  let account: TestAccount;
  let base: string;
  let admin: ReturnType<typeof apiClient>;
  let websiteConversationId: number;
  let apiConversationId: number;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    base = `/api/v1/accounts/${account.account.id}`;
    admin = apiClient(stack, account.admin.token);
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Hana' });
    websiteConversationId = (await admin.post(`${base}/conversations`, { inbox_id: account.inbox.id, contact_id: contact.id })).body.id;
    apiConversationId = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
  });
  afterAll(() => stack.close());

  const say = (conversationId: number, content: string) => admin.post(`${base}/conversations/${conversationId}/messages`, { content, message_type: 'incoming' });

  /** A user of the account with their own token, member of the given inboxes. */
  async function newUser(role: 'administrator' | 'agent', inboxIds: number[] = []) {
    const email = `${role}-${Math.random().toString(36).slice(2)}@example.test`;
    const user = await addUserToAccount(stack.db, { accountId: account.account.id, name: `Temp ${role}`, email, password: account.password, role });
    for (const inboxId of inboxIds) await admin.post(`${base}/inbox_members`, { inbox_id: inboxId, user_ids: [user.id] });
    return { ...user, email, token: await issueAccessToken(stack.db, user.id) };
  }

  async function openStream(client: ReturnType<typeof apiClient>) {
    const response = await client.raw(`${base}/events`);
    expect(response.status).toBe(200);
    const stream = readEventStream(response);
    await stream.waitFor((e) => e.event === 'ready');
    return stream;
  }

  it('an inbox member hears of a new message; an agent outside the inbox hears nothing of it', async () => {
    const member = await openStream(apiClient(stack, account.agent.token));
    const outsider = await newUser('agent');
    const sentinelInbox = await createInboxRecord(stack.db, { accountId: account.account.id, name: 'Outsider’s', channelType: 'api', memberIds: [outsider.id] });
    const outsiderStream = await openStream(apiClient(stack, outsider.token));
    try {
      const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Ines' });
      const sentinelConversation = await admin.post(`${base}/conversations`, { inbox_id: sentinelInbox.id, contact_id: contact.id });
      await say(websiteConversationId, 'private to the website inbox');
      // Sent after the one the outsider may not see: the first message they hear must be this one.
      await say(sentinelConversation.body.id, 'for the outsider’s own inbox');

      const seen = await member.waitFor((e) => e.event === 'message.created');
      expect(seen.data).toMatchObject({ conversation: { id: websiteConversationId }, message: { content: 'private to the website inbox' } });
      await outsiderStream.waitFor((e) => e.event === 'message.created');
      expect(messageContents(outsiderStream)[0]).toBe('for the outsider’s own inbox');
      expect(outsiderStream.raw()).not.toContain('private to the website inbox');
    } finally {
      await Promise.all([member.close(), outsiderStream.close()]);
    }
  });

  it('another account’s member cannot open the stream', async () => {
    const other = await createTestAccount(stack);
    expect((await apiClient(stack, other.admin.token).get(`${base}/events`)).status).toBe(404);
  });

  it('signing out closes the session’s stream with `revoked`', async () => {
    const user = await newUser('agent', [account.inbox.id]);
    const signIn = await apiClient(stack).post('/auth/sign_in', { email: user.email, password: account.password });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const browser = apiClient(stack, undefined, { cookie, 'x-requested-with': 'test' });
    const stream = await openStream(browser);
    expect((await browser.delete('/auth/sign_out')).status).toBe(200);
    const revoked = await stream.waitFor((e) => e.event === 'revoked');
    expect(revoked.data).toEqual({ reason: 'signed_out' });
    await stream.close();
  });

  it('revoking the access token closes the streams opened with it', async () => {
    const user = await newUser('agent', [account.inbox.id]);
    const client = apiClient(stack, user.token);
    const stream = await openStream(client);
    const [token] = (await client.get('/api/v1/profile/access_tokens')).body.payload;
    expect((await client.delete(`/api/v1/profile/access_tokens/${token.id}`)).status).toBe(200);
    expect((await stream.waitFor((e) => e.event === 'revoked')).data).toEqual({ reason: 'token_revoked' });
    await stream.close();
  });

  it('an agent removed from the account stops hearing its events at once', async () => {
    const user = await newUser('agent', [account.inbox.id]);
    const stream = await openStream(apiClient(stack, user.token));
    expect((await admin.delete(`${base}/agents/${user.id}`)).status).toBe(200);
    expect((await stream.waitFor((e) => e.event === 'revoked')).data).toEqual({ reason: 'removed_from_account' });
    await say(websiteConversationId, 'after the removal');
    await stream.close();
    expect(stream.raw()).not.toContain('after the removal');
  });

  it('a demoted administrator sees only their inboxes from then on', async () => {
    const user = await newUser('administrator', [account.apiInbox.id]);
    const stream = await openStream(apiClient(stack, user.token));
    try {
      expect((await admin.patch(`${base}/agents/${user.id}`, { role: 'agent' })).status).toBe(200);
      await say(websiteConversationId, 'website, after the demotion');
      await say(apiConversationId, 'api inbox, after the demotion');
      await stream.waitFor((e) => e.event === 'message.created');
      expect(stream.events.some((e) => e.event === 'resync')).toBe(true);
      expect(messageContents(stream)[0]).toBe('api inbox, after the demotion');
      expect(stream.raw()).not.toContain('website, after the demotion');
    } finally {
      await stream.close();
    }
  });

  it('re-checks on its tick too: a session ended without a notification still closes the stream', async () => {
    const process = apiProcess(stack, { tickMs: 200 });
    const user = await newUser('agent', [account.inbox.id]);
    const signIn = await apiClient(process).post('/auth/sign_in', { email: user.email, password: account.password });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const response = await apiClient(process, undefined, { cookie }).raw(`${base}/events`);
    const stream = readEventStream(response);
    await stream.waitFor((e) => e.event === 'ready');
    const [session] = await stack.sql<{ id: number }[]>`select id from sessions where user_id = ${user.id} and revoked_at is null`;
    await revokeSession(stack.db, session.id);
    expect((await stream.waitFor((e) => e.event === 'revoked')).data).toEqual({ reason: 'signed_out' });
    await stream.close();
  });

  it('caps the streams one user holds open, and frees a slot when one closes', async () => {
    const process = apiProcess(stack, { maxStreamsPerUser: 2 });
    const user = await newUser('agent', [account.inbox.id]);
    const client = apiClient(process, user.token);
    const first = readEventStream(await client.raw(`${base}/events`));
    const second = readEventStream(await client.raw(`${base}/events`));
    await Promise.all([first.waitFor((e) => e.event === 'ready'), second.waitFor((e) => e.event === 'ready')]);
    const refused = await client.get(`${base}/events`);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another user is not affected.
    const other = readEventStream(await apiClient(process, account.agent.token).raw(`${base}/events`));
    await other.waitFor((e) => e.event === 'ready');
    await first.close();
    // The slot is released once the server has seen the client go, which takes a moment.
    const reopened = await poll(
      async () => client.raw(`${base}/events`),
      (response) => response.status === 200,
    );
    expect(reopened.status).toBe(200);
    await Promise.all([reopened.body?.cancel(), second.close(), other.close()]);
  });

  it('bounds the queue of a client that reads slowly: overflow becomes one `resync`, then events flow again', async () => {
    const process = apiProcess(stack, { maxQueuedEvents: 5 });
    const response = await apiClient(process, account.admin.token).raw(`${base}/events`);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const readUntil = async (wanted: string) => {
      const deadline = Date.now() + 10_000;
      while (!text.includes(wanted)) {
        if (Date.now() > deadline) throw new Error(`"${wanted}" did not arrive; got ${text.slice(-500)}`);
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before "${wanted}"`);
        text += value;
      }
    };
    try {
      await readUntil('event: ready');
      // The client stops reading while 50 notifications arrive. The bus calls its listeners in turn for
      // each one: once this listener has heard the last, the stream has been handed all of them.
      const published = 50;
      let lastHeard!: () => void;
      const heard = new Promise<void>((resolve) => (lastHeard = resolve));
      const unsubscribe = stack.deps.events.subscribe((event) => {
        if (event.actor?.id === published) lastHeard();
      });
      await stack.db.transaction(async (tx) => {
        for (let i = 1; i <= published; i++) {
          // Distinct payloads: Postgres folds identical notifications of one transaction into one.
          await publishLiveEvent(tx, { type: 'conversation.updated', accountId: account.account.id, inboxId: account.inbox.id, conversationId: websiteConversationId, actor: { type: 'user', id: i } });
        }
      });
      await heard;
      unsubscribe();

      await readUntil('event: resync');
      expect(text.split('event: conversation.updated').length - 1).toBeLessThan(published);
      await say(websiteConversationId, 'after the flood');
      await readUntil('after the flood');
    } finally {
      await reader.cancel();
    }
  });
});
