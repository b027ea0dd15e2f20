import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { findConversationByDisplayId } from '../../../db/queries/conversations.js';
import { lifecycleOutbox } from '../../../db/schema/index.js';
import { waitForStoredStatus } from '../../../tests/support/lifecycle.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';
import { recordMessage } from '../messages/record.js';
import { sweepLifecycleOutbox } from './lifecycle-outbox.js';

describe('a reopen is not lost when the API dies between storing a message and telling the workflow', () => {
  let stack: TestStack;
  let account: TestAccount;

  beforeAll(async () => {
    stack = await startTestStack();
    account = await createTestAccount(stack);
  });
  afterAll(() => stack.close());

  it('the sweeper delivers the stored notice and the conversation reopens', async () => {
    const agent = apiClient(stack, account.agent.token);
    const base = `/api/v1/accounts/${account.account.id}`;
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Fay' });
    const { body } = await agent.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id });
    await agent.post(`${base}/conversations/${body.id}/toggle_status`, { status: 'resolved' });
    const conversation = (await findConversationByDisplayId(stack.db, { accountId: account.account.id, displayId: body.id }))!;

    // What the API commits before it would signal — then "crashes": nothing is signalled.
    const recorded = await recordMessage(stack.db, { conversation, messageType: 'incoming', content: 'hello again', sender: { type: 'contact', id: contact.id } });
    expect(recorded.created && recorded.noticeId).toBeTruthy();
    expect(await stack.db.$count(lifecycleOutbox, eq(lifecycleOutbox.conversationId, conversation.id))).toBe(1);

    const delivered = await sweepLifecycleOutbox({ db: stack.db, temporal: stack.temporal, taskQueue: stack.taskQueue }, { olderThanMs: 0, limit: 10 });
    expect(delivered).toBe(1);
    expect(await stack.db.$count(lifecycleOutbox, eq(lifecycleOutbox.conversationId, conversation.id))).toBe(0);
    expect(await waitForStoredStatus(stack, conversation.id, 'open')).toBe('open');
  });

  it('a message into an open conversation leaves no notice behind', async () => {
    const agent = apiClient(stack, account.agent.token);
    const base = `/api/v1/accounts/${account.account.id}`;
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Gus' });
    const { body } = await agent.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id });
    await agent.post(`${base}/conversations/${body.id}/messages`, { content: 'hi', message_type: 'incoming' });
    const conversation = (await findConversationByDisplayId(stack.db, { accountId: account.account.id, displayId: body.id }))!;
    expect(await stack.db.$count(lifecycleOutbox, eq(lifecycleOutbox.conversationId, conversation.id))).toBe(0);
  });
});
