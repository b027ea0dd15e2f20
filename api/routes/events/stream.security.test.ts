import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

/** Reads server-sent events from a streaming response until `until` matches or time runs out. */
async function collectEvents(response: Response, until: (events: Array<{ event: string; data: string }>) => boolean, timeoutMs = 8_000) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: Array<{ event: string; data: string }> = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !until(events)) {
    const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now()))]);
    if (!chunk || chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data });
    }
  }
  await reader.cancel();
  return events;
}

describe('the console event stream shows each user only what they may see', () => {
  let stack: TestStack;
  let account: TestAccount;
  let base: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    base = `/api/v1/accounts/${account.account.id}`;
  });
  afterAll(() => stack.close());

  it('an inbox member hears of a new message; an agent outside the inbox hears nothing of it', async () => {
    const member = await apiClient(stack, account.agent.token).raw(`${base}/events`);
    const outsider = await apiClient(stack, account.outsider.token).raw(`${base}/events`);
    expect(member.headers.get('content-type')).toContain('text/event-stream');

    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Hana' });
    const agent = apiClient(stack, account.agent.token);
    const created = await agent.post(`${base}/conversations`, { inbox_id: account.inbox.id, contact_id: contact.id });
    await agent.post(`${base}/conversations/${created.body.id}/messages`, { content: 'private to the website inbox', message_type: 'incoming' });

    const seen = await collectEvents(member, (events) => events.some((e) => e.event === 'message.created'));
    const message = seen.find((e) => e.event === 'message.created');
    expect(JSON.parse(message!.data)).toMatchObject({ conversation: { id: created.body.id }, message: { content: 'private to the website inbox' } });

    const outsiderSaw = await collectEvents(outsider, () => false, 1_500);
    expect(outsiderSaw.map((e) => e.event)).toEqual(['ready']);
  });

  it('another account’s member cannot open the stream', async () => {
    const other = await createTestAccount(stack);
    expect((await apiClient(stack, other.admin.token).get(`${base}/events`)).status).toBe(404);
  });
});
