import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { attachments, conversations, messages } from '../../../db/schema/index.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

describe('bad requests get a 4xx naming the field, and write nothing', () => {
  let stack: TestStack;
  let account: TestAccount;
  let agent: ReturnType<typeof apiClient>;
  let base: string;
  let contactId: number;
  let displayId: number;

  const counts = async () => ({
    conversations: await stack.db.$count(conversations, eq(conversations.accountId, account.account.id)),
    messages: await stack.db.$count(messages, eq(messages.accountId, account.account.id)),
    attachments: await stack.db.$count(attachments, eq(attachments.accountId, account.account.id)),
  });

  beforeAll(async () => {
    stack = await startTestStack();
    account = await createTestAccount(stack);
    agent = apiClient(stack, account.agent.token);
    base = `/api/v1/accounts/${account.account.id}`;
    contactId = (await insertContact(stack.db, { accountId: account.account.id, name: 'Eve' })).id;
    displayId = (await agent.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contactId })).body.id;
  });
  afterAll(() => stack.close());

  it.each([
    ['a missing inbox_id', { contact_id: 1 }, 'inbox_id', 422],
    ['a text inbox_id', { inbox_id: 'one', contact_id: 1 }, 'inbox_id', 422],
    ['an inbox of another account', { inbox_id: 999_999, contact_id: 1 }, 'inbox_id', 422],
    ['an unknown contact', { inbox_id: 0, contact_id: 999_999 }, 'contact_id', 422],
    ['an empty first message', { inbox_id: 0, contact_id: 0, message: { content: '   ' } }, 'message.content', 422],
  ])('creating a conversation with %s', async (_, body, field, status) => {
    const before = await counts();
    const filled = JSON.parse(JSON.stringify(body).replace('"inbox_id":0', `"inbox_id":${account.apiInbox.id}`).replace('"contact_id":0', `"contact_id":${contactId}`));
    const response = await agent.post(`${base}/conversations`, filled);
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    expect(await counts()).toEqual(before);
  });

  it('malformed JSON is a 400, not a crash', async () => {
    const response = await agent.post(`${base}/conversations/${displayId}/messages`, '{"content": ');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BAD_REQUEST');
  });

  it.each([
    ['no content and no attachment', {}, 'content'],
    ['an unknown message type', { content: 'x', message_type: 'sideways' }, 'message_type'],
    ['a private incoming message', { content: 'x', message_type: 'incoming', private: true }, 'private'],
    ["an echo_id in the lifecycle's reserved key space", { content: 'x', echo_id: 'lifecycle:run:1' }, 'echo_id'],
  ])('posting a message with %s', async (_, body, field) => {
    const before = await counts();
    const response = await agent.post(`${base}/conversations/${displayId}/messages`, body);
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe(field);
    expect(await counts()).toEqual(before);
  });

  it('an attachment whose bytes are not what its type claims is refused, and its message is not stored', async () => {
    const before = await counts();
    const form = new FormData();
    form.append('content', 'see attached');
    form.append('attachments[]', new File(['<svg onload=alert(1)>'], 'evil.png', { type: 'image/png' }));
    const response = await agent.post(`${base}/conversations/${displayId}/messages`, form);
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe('attachments');
    const svg = new FormData();
    svg.append('attachments[]', new File(['<svg/>'], 'x.svg', { type: 'image/svg+xml' }));
    expect((await agent.post(`${base}/conversations/${displayId}/messages`, svg)).status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it('a snooze in the past or a snooze time without status snoozed is refused', async () => {
    const past = await agent.post(`${base}/conversations/${displayId}/toggle_status`, { status: 'snoozed', snoozed_until: 1_000_000 });
    expect(past.status).toBe(422);
    expect(past.body.error.field).toBe('snoozed_until');
    const wrong = await agent.post(`${base}/conversations/${displayId}/toggle_status`, { status: 'resolved', snoozed_until: Math.floor(Date.now() / 1000) + 3600 });
    expect(wrong.status).toBe(422);
    expect((await agent.get(`${base}/conversations/${displayId}`)).body.status).toBe('open');
  });

  it('an unknown conversation is a 404 and an unknown status a 422', async () => {
    expect((await agent.get(`${base}/conversations/987654`)).status).toBe(404);
    const response = await agent.post(`${base}/conversations/${displayId}/toggle_status`, { status: 'closed' });
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe('status');
  });
});
