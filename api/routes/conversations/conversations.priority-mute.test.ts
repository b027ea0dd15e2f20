import { and, asc, eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { conversations, messages } from '../../../db/schema/index.js';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient, type TestStack } from '../../../tests/support/stack.js';
import { waitUntil } from '../../../tests/support/wait.js';

const it = apiTest().extend('open', async ({ stack, account, base, client }) => async (name: string) => {
  const contact = await insertContact(stack.db, { accountId: account.account.id, name });
  return (await client.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id as number;
});

const activityLines = async (client: { get: (path: string) => Promise<{ body: any }> }, base: string, id: number) =>
  (await client.get(`${base}/conversations/${id}/messages`)).body.payload.filter((m: { message_type: number }) => m.message_type === 2).map((m: { content: string }) => m.content);

describe('priority', () => {
  it('sets and clears the priority with an activity line; the list filters and sorts by it', async ({ base, client, open }) => {
    const low = await open('Lou Low');
    const urgent = await open('Ursula Urgent');
    const none = await open('Nora None');
    expect((await client.post(`${base}/conversations/${low}/toggle_priority`, { priority: 'low' })).body.priority).toBe('low');
    expect((await client.post(`${base}/conversations/${urgent}/toggle_priority`, { priority: 'urgent' })).body.priority).toBe('urgent');
    expect(await activityLines(client, base, urgent)).toContain('Ada Admin set the priority to Urgent');

    const sorted = await client.get(`${base}/conversations?assignee_type=all&sort_by=priority_desc`);
    expect(sorted.body.data.payload.map((c: { id: number }) => c.id)).toEqual([urgent, low, none]);
    const ascending = await client.get(`${base}/conversations?assignee_type=all&sort_by=priority_asc`);
    expect(ascending.body.data.payload.map((c: { id: number }) => c.id)).toEqual([low, urgent, none]);
    const filtered = await client.get(`${base}/conversations?assignee_type=all&priority=urgent`);
    expect(filtered.body.data.payload.map((c: { id: number }) => c.id)).toEqual([urgent]);
    expect((await client.get(`${base}/conversations/meta?priority=none`)).body.meta.all_count).toBe(1);

    expect((await client.post(`${base}/conversations/${urgent}/toggle_priority`, { priority: 'none' })).body.priority).toBeNull();
    expect(await activityLines(client, base, urgent)).toContain('Ada Admin removed the priority');
    const refused = await client.post(`${base}/conversations/${low}/toggle_priority`, { priority: 'critical' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.field).toBe('priority');
  });
});

describe('mute', () => {
  it('a muted conversation is resolved and stays resolved when the customer writes; unmuted, the next message reopens it', async ({ stack, account, base, client, open }) => {
    const id = await open('Milo Muted');
    const muted = await client.post(`${base}/conversations/${id}/mute`);
    expect(muted.status).toBe(200);
    expect(muted.body).toMatchObject({ status: 'resolved', muted: true });
    expect(await activityLines(client, base, id)).toContain('Ada Admin has muted the conversation');

    expect((await client.post(`${base}/conversations/${id}/messages`, { content: 'Hello? Anyone?', message_type: 'incoming' })).status).toBe(200);
    // The unmute is handled after the message's notice (the workflow serialises them), so what it answers is what the notice left.
    const unmuted = await client.post(`${base}/conversations/${id}/unmute`);
    expect(unmuted.body).toMatchObject({ status: 'resolved', muted: false });
    const contents = (await client.get(`${base}/conversations/${id}/messages`)).body.payload.map((m: { content: string }) => m.content);
    expect(contents).toContain('Hello? Anyone?');
    expect(contents).not.toContain('Conversation was reopened by a new message from the contact');

    await client.post(`${base}/conversations/${id}/messages`, { content: 'Please, it is important', message_type: 'incoming' });
    await waitUntil(async () => (await client.get(`${base}/conversations/${id}`)).body.status === 'open', 'the unmuted conversation to reopen');
    const [row] = await stack.db.select({ muted: conversations.muted }).from(conversations).where(eq(conversations.id, await conversationRowId(stack, account.account.id, id)));
    expect(row.muted).toBe(false);
  });

  it('answers 404 for a conversation the agent cannot see', async ({ stack, account, base, open }) => {
    const id = await open('Hidden Hugo');
    const outsider = apiClient(stack, account.outsider.token);
    expect((await outsider.post(`${base}/conversations/${id}/mute`)).status).toBe(404);
    expect((await outsider.post(`${base}/conversations/${id}/toggle_priority`, { priority: 'high' })).status).toBe(404);
  });
});

async function conversationRowId(stack: TestStack, accountId: number, displayId: number): Promise<number> {
  const [row] = await stack.db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.accountId, accountId), eq(conversations.displayId, displayId)));
  return row.id;
}

describe('auto-resolve', () => {
  it('resolves an open conversation after the account’s duration without a message, saying why; a message resets the wait', async ({ stack, account, base, client, open }) => {
    const seconds = 2;
    const setting = await client.patch(base, { auto_resolve_duration: seconds / 86_400 });
    expect(setting.status).toBe(200);
    expect(setting.body.auto_resolve_duration).toBeCloseTo(seconds / 86_400);

    const quiet = await open('Quentin Quiet');
    const talking = await open('Tara Talking');
    await client.post(`${base}/conversations/${talking}/messages`, { content: 'Still there?', message_type: 'incoming' });
    await waitUntil(async () => (await client.get(`${base}/conversations/${quiet}`)).body.status === 'resolved', 'the quiet conversation to auto-resolve');
    await waitUntil(async () => (await client.get(`${base}/conversations/${talking}`)).body.status === 'resolved', 'the other conversation to auto-resolve');
    expect(await activityLines(client, base, quiet)).toContain(`Conversation was marked resolved by system due to ${seconds} seconds of inactivity`);

    // The wait counts from the last message, not from the conversation's start.
    const talkingId = await conversationRowId(stack, account.account.id, talking);
    const rows = await stack.db
      .select({ type: messages.messageType, content: messages.content, at: messages.createdAt })
      .from(messages)
      .where(and(eq(messages.conversationId, talkingId), eq(messages.accountId, account.account.id)))
      .orderBy(asc(messages.createdAt));
    const lastMessage = rows.filter((m) => m.type === 'incoming').at(-1)!;
    const resolvedLine = rows.find((m) => m.content?.startsWith('Conversation was marked resolved by system'))!;
    expect(resolvedLine.at.getTime() - lastMessage.at.getTime()).toBeGreaterThanOrEqual(seconds * 1000);

    await client.patch(base, { auto_resolve_duration: null });
    expect((await client.get(base)).body.auto_resolve_duration).toBeNull();
  });

  it('only administrators change the account, and the duration is checked', async ({ stack, account, base, client }) => {
    const agent = apiClient(stack, account.agent.token);
    expect((await agent.patch(base, { auto_resolve_duration: 3 })).status).toBe(403);
    expect((await agent.get(base)).status).toBe(200);
    for (const value of [0, -1, 5e-324, 1000, 'soon']) {
      const refused = await client.patch(base, { auto_resolve_duration: value });
      expect(refused.status, String(value)).toBe(422);
      expect(refused.body.error.field).toBe('auto_resolve_duration');
    }
  });
});
