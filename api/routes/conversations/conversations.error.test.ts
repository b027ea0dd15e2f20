import { eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { insertContact } from '../../../db/queries/contacts.js';
import { attachments, conversations, messages } from '../../../db/schema/index.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest()
  .extend('agent', { scope: 'file' }, async ({ stack, account }) => apiClient(stack, account.agent.token))
  .extend('contactId', { scope: 'file' }, async ({ stack, account }) => (await insertContact(stack.db, { accountId: account.account.id, name: 'Eve' })).id)
  .extend('displayId', { scope: 'file' }, async ({ agent, account, base, contactId }) =>
    (await agent.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contactId })).body.id as number,
  )
  .extend('counts', async ({ stack, account }) => async () => ({
    conversations: await stack.db.$count(conversations, eq(conversations.accountId, account.account.id)),
    messages: await stack.db.$count(messages, eq(messages.accountId, account.account.id)),
    attachments: await stack.db.$count(attachments, eq(attachments.accountId, account.account.id)),
  }));

describe('bad requests get a 4xx naming the field, and write nothing', () => {
  it.for([
    ['a missing inbox_id', { contact_id: 1 }, 'inbox_id', 422],
    ['a text inbox_id', { inbox_id: 'one', contact_id: 1 }, 'inbox_id', 422],
    ['an inbox of another account', { inbox_id: 999_999, contact_id: 1 }, 'inbox_id', 422],
    ['an unknown contact', { inbox_id: 0, contact_id: 999_999 }, 'contact_id', 422],
    ['an empty first message', { inbox_id: 0, contact_id: 0, message: { content: '   ' } }, 'message.content', 422],
  ])('creating a conversation with %s', async ([_, body, field, status], { account, base, agent, contactId, counts }) => {
    const before = await counts();
    const filled = JSON.parse(JSON.stringify(body).replace('"inbox_id":0', `"inbox_id":${account.apiInbox.id}`).replace('"contact_id":0', `"contact_id":${contactId}`));
    const response = await agent.post(`${base}/conversations`, filled);
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    expect(await counts()).toEqual(before);
  });

  it('malformed JSON is a 400, not a crash', async ({ base, agent, displayId }) => {
    const response = await agent.post(`${base}/conversations/${displayId}/messages`, '{"content": ');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('BAD_REQUEST');
  });

  it.for([
    ['no content and no attachment', {}, 'content'],
    ['an unknown message type', { content: 'x', message_type: 'sideways' }, 'message_type'],
    ['a private incoming message', { content: 'x', message_type: 'incoming', private: true }, 'private'],
    ["an echo_id in the lifecycle's reserved key space", { content: 'x', echo_id: 'lifecycle:run:1' }, 'echo_id'],
  ])('posting a message with %s', async ([_, body, field], { base, agent, displayId, counts }) => {
    const before = await counts();
    const response = await agent.post(`${base}/conversations/${displayId}/messages`, body);
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe(field);
    expect(await counts()).toEqual(before);
  });

  it('an attachment whose bytes are not what its type claims is refused, and its message is not stored', async ({ base, agent, displayId, counts }) => {
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

  it('a snooze in the past or a snooze time without status snoozed is refused', async ({ base, agent, displayId }) => {
    const past = await agent.post(`${base}/conversations/${displayId}/toggle_status`, { status: 'snoozed', snoozed_until: 1_000_000 });
    expect(past.status).toBe(422);
    expect(past.body.error.field).toBe('snoozed_until');
    const wrong = await agent.post(`${base}/conversations/${displayId}/toggle_status`, { status: 'resolved', snoozed_until: Math.floor(Date.now() / 1000) + 3600 });
    expect(wrong.status).toBe(422);
    expect((await agent.get(`${base}/conversations/${displayId}`)).body.status).toBe('open');
  });

  it('an unknown conversation is a 404 and an unknown status a 422', async ({ base, agent, displayId }) => {
    expect((await agent.get(`${base}/conversations/987654`)).status).toBe(404);
    const response = await agent.post(`${base}/conversations/${displayId}/toggle_status`, { status: 'closed' });
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe('status');
  });
});
