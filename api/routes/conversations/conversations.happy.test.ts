import { and, eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { insertContact } from '../../../db/queries/contacts.js';
import { conversations, messages } from '../../../db/schema/index.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest()
  .extend('agent', { scope: 'file' }, async ({ stack, account }) => apiClient(stack, account.agent.token))
  .extend('contactId', { scope: 'file' }, async ({ stack, account }) =>
    (await insertContact(stack.db, { accountId: account.account.id, name: 'Carla Customer', email: 'carla@example.test' })).id,
  )
  .extend('openConversation', async ({ agent, account, base, contactId }) => async () => {
    const created = await agent.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contactId });
    expect(created.status).toBe(200);
    return created.body.id as number;
  });

describe('conversations through the Application API', () => {


  it('creates a conversation with a first reply; the agent who wrote it becomes the assignee', async ({ account, base, agent, contactId }) => {
    const created = await agent.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contactId, message: { content: 'Hello Carla' } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ status: 'open', inbox_id: account.apiInbox.id, meta: { sender: { name: 'Carla Customer' }, assignee: { id: account.agent.id } } });
    const list = await agent.get(`${base}/conversations?assignee_type=me`);
    expect(list.body.data.payload.map((c: { id: number }) => c.id)).toContain(created.body.id);
    expect(list.body.data.meta.mine_count).toBeGreaterThanOrEqual(1);
    const messageList = await agent.get(`${base}/conversations/${created.body.id}/messages`);
    expect(messageList.body.payload.map((m: { content: string }) => m.content)).toEqual(['Hello Carla']);
  });

  it('numbers conversations per account without gaps or repeats, even when created at once', async ({ openConversation }) => {
    const ids = await Promise.all(Array.from({ length: 8 }, openConversation));
    const sorted = [...ids].sort((a, b) => a - b);
    expect(new Set(ids).size).toBe(8);
    expect(sorted[7] - sorted[0]).toBe(7);
  });

  it('stores incoming, outgoing and private messages; a retried POST with the same echo_id stores one', async ({ base, agent, openConversation }) => {
    const id = await openConversation();
    await agent.post(`${base}/conversations/${id}/messages`, { content: 'My order is late', message_type: 'incoming' });
    await agent.post(`${base}/conversations/${id}/messages`, { content: 'Checking with the warehouse', private: true });
    const first = await agent.post(`${base}/conversations/${id}/messages`, { content: 'On its way!', echo_id: 'client-1' });
    const retry = await agent.post(`${base}/conversations/${id}/messages`, { content: 'On its way!', echo_id: 'client-1' });
    expect(retry.body.id).toBe(first.body.id);
    const list = await agent.get(`${base}/conversations/${id}/messages`);
    expect(list.body.payload.map((m: { content: string; message_type: number; private: boolean }) => [m.content, m.message_type, m.private])).toEqual([
      ['My order is late', 0, false],
      ['Checking with the warehouse', 1, true],
      ['On its way!', 1, false],
    ]);
  });

  it('takes attachments as multipart and serves them back', async ({ stack, base, agent, openConversation }) => {
    const id = await openConversation();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const form = new FormData();
    form.append('content', 'The label');
    form.append('attachments[]', new File([png], 'label.png', { type: 'image/png' }));
    const created = await agent.post(`${base}/conversations/${id}/messages`, form);
    expect(created.status).toBe(200);
    expect(created.body.attachments).toMatchObject([{ file_type: 'image', file_name: 'label.png', file_size: png.length }]);
    const download = await stack.app.request(created.body.attachments[0].data_url);
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(png);
  });

  it('resolves through the lifecycle workflow, and resolving again changes nothing', async ({ base, agent, openConversation }) => {
    const id = await openConversation();
    const first = await agent.post(`${base}/conversations/${id}/toggle_status`, { status: 'resolved' });
    expect(first.body.payload).toMatchObject({ current_status: 'resolved', changed: true });
    const second = await agent.post(`${base}/conversations/${id}/toggle_status`, { status: 'resolved' });
    expect(second.body.payload).toMatchObject({ current_status: 'resolved', changed: false });
    const shown = await agent.get(`${base}/conversations/${id}`);
    expect(shown.body.status).toBe('resolved');
    const activity = (await agent.get(`${base}/conversations/${id}/messages`)).body.payload.filter((m: { message_type: number }) => m.message_type === 2);
    expect(activity.map((m: { content: string }) => m.content)).toEqual(['Conversation was marked resolved by Alan Agent']);
  });

  it('a customer message reopens a resolved conversation', async ({ base, agent, openConversation }) => {
    const id = await openConversation();
    await agent.post(`${base}/conversations/${id}/toggle_status`, { status: 'resolved' });
    await agent.post(`${base}/conversations/${id}/messages`, { content: 'Actually, one more thing', message_type: 'incoming' });
    const deadline = Date.now() + 15_000;
    let status = '';
    while (Date.now() < deadline && status !== 'open') {
      status = (await agent.get(`${base}/conversations/${id}`)).body.status;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe('open');
  });

  it('snoozes until a time, and the conversation reopens when it ends', async ({ stack, account, base, agent, openConversation }) => {
    const id = await openConversation();
    const until = Math.floor(Date.now() / 1000) + 2;
    const snoozed = await agent.post(`${base}/conversations/${id}/toggle_status`, { status: 'snoozed', snoozed_until: until });
    expect(snoozed.body.payload).toMatchObject({ current_status: 'snoozed', snoozed_until: until });
    const [row] = await stack.db.select().from(conversations).where(and(eq(conversations.accountId, account.account.id), eq(conversations.displayId, id)));
    expect(row.status).toBe('snoozed');
    const deadline = Date.now() + 20_000;
    let status = 'snoozed';
    while (Date.now() < deadline && status !== 'open') {
      await new Promise((r) => setTimeout(r, 300));
      status = (await agent.get(`${base}/conversations/${id}`)).body.status;
    }
    expect(status).toBe('open');
  });

  it('labels a conversation and filters the list by label', async ({ stack, account, base, agent, openConversation }) => {
    const id = await openConversation();
    const admin = apiClient(stack, account.admin.token);
    for (const title of ['billing', 'vip']) expect((await admin.post(`${base}/labels`, { title })).status).toBe(200);
    const set = await agent.post(`${base}/conversations/${id}/labels`, { labels: ['billing', 'vip'] });
    expect(set.body.payload).toEqual(['billing', 'vip']);
    const list = await agent.get(`${base}/conversations?assignee_type=all&labels=vip`);
    expect(list.body.data.payload.map((c: { id: number }) => c.id)).toEqual([id]);
    await agent.post(`${base}/conversations/${id}/labels`, { labels: ['billing'] });
    await agent.post(`${base}/conversations/${id}/labels`, { labels: ['billing'] });
    // Each change is an activity line saying who did what; setting the same labels again writes none.
    const activity = (await agent.get(`${base}/conversations/${id}/messages`)).body.payload
      .filter((m: { message_type: number }) => m.message_type === 2)
      .map((m: { content: string }) => m.content);
    expect(activity).toEqual(['Alan Agent added billing, vip', 'Alan Agent removed vip']);
  });

  it('GET /conversations/meta answers the counts of the list under the same filters', async ({ stack, account, base, agent, openConversation }) => {
    const id = await openConversation();
    const admin = apiClient(stack, account.admin.token);
    expect((await admin.post(`${base}/labels`, { title: 'meta-only' })).status).toBe(200);
    await agent.post(`${base}/conversations/${id}/labels`, { labels: ['meta-only'] });

    const list = await agent.get(`${base}/conversations?assignee_type=all&inbox_id=${account.apiInbox.id}`);
    const meta = await agent.get(`${base}/conversations/meta?inbox_id=${account.apiInbox.id}&assignee_type=all&page=1`);
    expect(meta.status).toBe(200);
    expect(meta.body).toEqual({ meta: list.body.data.meta });
    expect(meta.body.meta.all_count).toBeGreaterThanOrEqual(1);

    const labelled = await agent.get(`${base}/conversations/meta?labels=meta-only`);
    expect(labelled.body.meta).toEqual({ mine_count: 0, unassigned_count: 1, assigned_count: 0, all_count: 1 });
    expect((await agent.get(`${base}/conversations/meta?labels=meta-only&status=resolved`)).body.meta.all_count).toBe(0);
    // An agent outside the inbox counts none of its conversations.
    expect((await apiClient(stack, account.outsider.token).get(`${base}/conversations/meta?labels=meta-only`)).body.meta.all_count).toBe(0);
    expect((await apiClient(stack).get(`${base}/conversations/meta`)).status).toBe(401);
    expect((await agent.get(`${base}/conversations/meta?status=bogus`)).body.error.field).toBe('status');
  });

  it('filters the list and its counts by q, text in any of the messages, taken literally', async ({ base, agent, openConversation }) => {
    const id = await openConversation();
    await agent.post(`${base}/conversations/${id}/messages`, { content: 'Parcel ZEBRA-4711 is stuck at 100%', message_type: 'incoming' });
    const list = await agent.get(`${base}/conversations?assignee_type=all&q=zebra-4711`);
    expect(list.body.data.payload.map((c: { id: number }) => c.id)).toEqual([id]);
    expect(list.body.data.meta.all_count).toBe(1);
    expect((await agent.get(`${base}/conversations/meta?q=zebra-4711`)).body.meta.all_count).toBe(1);
    // % and _ are text, not wildcards.
    expect((await agent.get(`${base}/conversations/meta?q=${encodeURIComponent('zebra_4711')}`)).body.meta.all_count).toBe(0);
    expect((await agent.get(`${base}/conversations/meta?q=${encodeURIComponent('4711 is stuck at 100%')}`)).body.meta.all_count).toBe(1);
    expect((await agent.get(`${base}/conversations/meta?q=${encodeURIComponent('%')}`)).body.meta.all_count).toBe(1);
  });

  it('a list card previews the last message a person wrote, never an activity line; a private note is marked private', async ({ base, agent, account, openConversation }) => {
    const id = await openConversation();
    const card = async () => (await agent.get(`${base}/conversations?assignee_type=all&status=all&q=${encodeURIComponent(`card-${id}`)}`)).body.data.payload[0];
    await agent.post(`${base}/conversations/${id}/messages`, { content: `Where is my parcel? card-${id}`, message_type: 'incoming' });
    await agent.post(`${base}/conversations/${id}/assignments`, { assignee_id: account.agent.id });
    expect((await card()).last_non_activity_message).toMatchObject({ content: `Where is my parcel? card-${id}`, message_type: 0 });
    await agent.post(`${base}/conversations/${id}/messages`, { content: 'Ask the warehouse first', private: true });
    await agent.post(`${base}/conversations/${id}/toggle_status`, { status: 'resolved' });
    expect((await card()).last_non_activity_message).toMatchObject({ content: 'Ask the warehouse first', private: true });
  });
});
