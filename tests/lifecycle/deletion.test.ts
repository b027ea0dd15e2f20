import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertContact } from '../../db/queries/contacts.js';
import { findConversationByDisplayId } from '../../db/queries/conversations.js';
import { createInboxRecord } from '../../core/services/accounts/bootstrap.js';
import { conversationWorkflowId } from '../../workflows/conversation/definitions.js';
import { startLifecycleWorker } from '../support/lifecycle.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../support/stack.js';

/** A deleted inbox or contact takes its conversations' workflows with it: no snooze fires for a conversation that is gone. */
describe('deleting an inbox or a contact ends the lifecycles of its conversations', () => {
  let stack: TestStack;
  let account: TestAccount;
  let worker: Awaited<ReturnType<typeof startLifecycleWorker>>;
  const base = () => `/api/v1/accounts/${account.account.id}`;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    worker = await startLifecycleWorker(stack);
  });
  afterAll(async () => {
    await worker?.stop();
    await stack?.close();
  });

  const snoozedConversation = async (inboxId: number, contactId: number) => {
    const admin = apiClient(stack, account.admin.token);
    const { body } = await admin.post(`${base()}/conversations`, { inbox_id: inboxId, contact_id: contactId });
    await admin.post(`${base()}/conversations/${body.id}/toggle_status`, { status: 'snoozed', snoozed_until: Math.floor(Date.now() / 1000) + 3600 });
    const row = (await findConversationByDisplayId(stack.db, { accountId: account.account.id, displayId: body.id }))!;
    return stack.temporal.workflow.getHandle(conversationWorkflowId(row.id));
  };

  it('deleting a contact terminates the workflows of their conversations', async () => {
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Dora' });
    const handles = [await snoozedConversation(account.apiInbox.id, contact.id), await snoozedConversation(account.inbox.id, contact.id)];
    expect((await apiClient(stack, account.admin.token).delete(`${base()}/contacts/${contact.id}`)).status).toBeLessThan(300);
    for (const handle of handles) expect((await handle.describe()).status.name).toBe('TERMINATED');
  });

  it('deleting an inbox terminates the workflows of its conversations, and only those', async () => {
    const inbox = await createInboxRecord(stack.db, { accountId: account.account.id, name: 'Doomed', channelType: 'api', memberIds: [] });
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Eve' });
    const doomed = await snoozedConversation(inbox.id, contact.id);
    const kept = await snoozedConversation(account.apiInbox.id, contact.id);
    expect((await apiClient(stack, account.admin.token).delete(`${base()}/inboxes/${inbox.id}`)).status).toBeLessThan(300);
    expect((await doomed.describe()).status.name).toBe('TERMINATED');
    expect((await kept.describe()).status.name).toBe('RUNNING');
  });
});
