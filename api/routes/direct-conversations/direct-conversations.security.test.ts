import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';
import { readEventStream } from '../../../tests/support/visitor.js';

describe('direct messages between users: only participants, live, with notifications', () => {
  let stack: TestStack;
  let account: TestAccount;
  let other: TestAccount;
  let base: string;
  let admin: ReturnType<typeof apiClient>;
  let agent: ReturnType<typeof apiClient>;
  let outsider: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    other = await createTestAccount(stack);
    base = `/api/v1/accounts/${account.account.id}`;
    admin = apiClient(stack, account.admin.token);
    agent = apiClient(stack, account.agent.token);
    outsider = apiClient(stack, account.outsider.token);
  });
  afterAll(() => stack.close());

  async function openStream(client: ReturnType<typeof apiClient>) {
    const stream = readEventStream(await client.raw(`${base}/events`));
    await stream.waitFor((e) => e.event === 'ready');
    return stream;
  }

  it('a non-participant, administrator included, gets 404 on the conversation, its messages, its files and hears none of its events', async () => {
    const adminStream = await openStream(admin);
    const outsiderStream = await openStream(outsider);
    const created = await agent.post(`${base}/direct_conversations`, { user_ids: [account.outsider.id], content: 'Just between us' });
    expect(created.status).toBe(200);
    expect(created.body.participants.map((p: { id: number }) => p.id).sort()).toEqual([account.agent.id, account.outsider.id].sort());
    const id: number = created.body.id;

    const form = new FormData();
    form.append('content', 'the contract');
    form.append('attachments[]', new File([Buffer.from('%PDF-1.7 contract')], 'contract.pdf', { type: 'application/pdf' }));
    const withFile = await agent.post(`${base}/direct_conversations/${id}/messages`, form);
    expect(withFile.status).toBe(200);
    const fileUrl: string = withFile.body.attachments[0].data_url;

    const heard = await outsiderStream.waitFor((e) => e.event === 'direct_message.created' && e.data.message.content === 'the contract');
    expect(heard.data.conversation).toMatchObject({ id, unread_count: 2 });
    expect(await (await outsider.raw(fileUrl)).text()).toBe('%PDF-1.7 contract');

    expect((await admin.get(`${base}/direct_conversations/${id}`)).status).toBe(404);
    expect((await admin.get(`${base}/direct_conversations/${id}/messages`)).status).toBe(404);
    expect((await admin.post(`${base}/direct_conversations/${id}/messages`, { content: 'let me in' })).status).toBe(404);
    expect((await admin.post(`${base}/direct_conversations/${id}/participants`, { user_ids: [account.admin.id] })).status).toBe(404);
    expect((await admin.raw(fileUrl)).status).toBe(404);
    expect((await admin.get(`${base}/direct_conversations`)).body.payload).toEqual([]);
    // Nor from another account, even a participant's token there.
    expect((await apiClient(stack, other.admin.token).get(`/api/v1/accounts/${other.account.id}/direct_conversations/${id}`)).status).toBe(404);
    // Not in any inbox list or report: customer conversations stay what they were.
    expect((await admin.get(`${base}/conversations`)).body.data.payload).toEqual([]);

    await agent.post(`${base}/direct_conversations/${id}/messages`, { content: 'sentinel' });
    await outsiderStream.waitFor((e) => e.event === 'direct_message.created' && e.data.message.content === 'sentinel');
    expect(adminStream.events.filter((e) => e.event.startsWith('direct_') || e.event.startsWith('notification'))).toEqual([]);
    await adminStream.close();
    await outsiderStream.close();
  });

  it('participants can be added later and then see the history; only account members may be picked', async () => {
    const created = await agent.post(`${base}/direct_conversations`, { user_ids: [account.outsider.id], content: 'first' });
    const id = created.body.id;
    expect((await agent.post(`${base}/direct_conversations`, { user_ids: [other.agent.id], content: 'hi' })).body.error.field).toBe('user_ids');
    expect((await agent.post(`${base}/direct_conversations`, { user_ids: [account.agent.id], content: 'only me' })).body.error.field).toBe('user_ids');
    expect((await agent.post(`${base}/direct_conversations`, { user_ids: [account.outsider.id] })).body.error.field).toBe('content');
    expect((await admin.get(`${base}/direct_conversations/${id}/messages`)).status).toBe(404);
    const added = await outsider.post(`${base}/direct_conversations/${id}/participants`, { user_ids: [account.admin.id] });
    expect(added.body.participants).toHaveLength(3);
    expect((await admin.get(`${base}/direct_conversations/${id}/messages`)).body.payload.map((m: { content: string }) => m.content)).toEqual(['first']);
  });

  it('the bell: a direct message and a mention in a private note notify, live; mark one read, then all', async () => {
    const stream = await openStream(outsider);
    const before = (await outsider.get(`${base}/notifications`)).body.data.meta.unread_count;
    const dm = await agent.post(`${base}/direct_conversations`, { user_ids: [account.outsider.id], content: 'ping for the bell' });
    const live = await stream.waitFor((e) => e.event === 'notification.created' && e.data.notification.meta.preview === 'ping for the bell');
    expect(live.data).toMatchObject({ unread_count: before + 1, notification: { notification_type: 'direct_message', primary_actor_type: 'DirectConversation', primary_actor_id: dm.body.id, secondary_actor: { id: account.agent.id, name: 'Alan Agent' } } });

    // A mention reaches only someone who can see the conversation: the outsider is in no inbox, so add them.
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Mia' });
    const conversation = (await admin.post(`${base}/conversations`, { inbox_id: account.inbox.id, contact_id: contact.id })).body.id;
    await admin.post(`${base}/conversations/${conversation}/messages`, { content: '@Olga Outsider cannot see this', private: true });
    await admin.post(`${base}/inbox_members`, { inbox_id: account.inbox.id, user_ids: [account.outsider.id] });
    await admin.post(`${base}/conversations/${conversation}/messages`, { content: 'Could @olga outsider and @Alan Agent check the refund?', private: true });
    await stream.waitFor((e) => e.event === 'notification.created' && e.data.notification.notification_type === 'conversation_mention');
    const list = await outsider.get(`${base}/notifications`);
    expect(list.body.data.payload.filter((n: { notification_type: string }) => n.notification_type === 'conversation_mention')).toEqual([
      expect.objectContaining({ primary_actor_type: 'Conversation', primary_actor_id: conversation, secondary_actor: expect.objectContaining({ id: account.admin.id }) }),
    ]);
    const agentMentions = (await agent.get(`${base}/notifications`)).body.data.payload.filter((n: { notification_type: string }) => n.notification_type === 'conversation_mention');
    expect(agentMentions).toHaveLength(1);
    // A public reply mentions nobody.
    await admin.post(`${base}/conversations/${conversation}/messages`, { content: 'Thanks @Alan Agent' });
    expect((await agent.get(`${base}/notifications`)).body.data.payload.filter((n: { notification_type: string }) => n.notification_type === 'conversation_mention')).toHaveLength(1);

    const unread = list.body.data.meta.unread_count;
    const first = list.body.data.payload[0];
    const read = await outsider.patch(`${base}/notifications/${first.id}`);
    expect(read.body.read_at).toEqual(expect.any(Number));
    expect((await outsider.get(`${base}/notifications/unread_count`)).body).toBe(unread - 1);
    // Someone else's notification is not found.
    expect((await agent.patch(`${base}/notifications/${first.id}`)).status).toBe(404);
    expect((await outsider.post(`${base}/notifications/read_all`)).status).toBe(200);
    expect((await outsider.get(`${base}/notifications`)).body.data.meta.unread_count).toBe(0);

    // Reading a conversation reads its notifications.
    await agent.post(`${base}/direct_conversations/${dm.body.id}/messages`, { content: 'again' });
    expect((await outsider.get(`${base}/notifications/unread_count`)).body).toBe(1);
    const seen = await outsider.post(`${base}/direct_conversations/${dm.body.id}/update_last_seen`);
    expect(seen.body.unread_count).toBe(0);
    expect((await outsider.get(`${base}/notifications/unread_count`)).body).toBe(0);
    await stream.close();
  });
});
