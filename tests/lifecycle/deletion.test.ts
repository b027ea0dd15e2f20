import { describe, expect } from 'vitest';
import { insertContact } from '../../db/queries/contacts.js';
import { createInboxRecord } from '../../core/services/accounts/bootstrap.js';
import { conversationWorkflowId } from '../../workflows/conversation/definitions.js';
import { lifecycleTest, openConversation } from '../support/lifecycle.js';
import { apiClient, type TestAccount, type TestStack } from '../support/stack.js';

const it = lifecycleTest();

/** A deleted inbox or contact takes its conversations' workflows with it: no snooze fires for a conversation that is gone. */
describe('deleting an inbox or a contact ends the lifecycles of its conversations', () => {
  const snoozedConversation = async (stack: TestStack, account: TestAccount, inboxId: number, contactId: number) => {
    const { displayId, id } = await openConversation(stack, account, { inboxId, contactId });
    const admin = apiClient(stack, account.admin.token);
    await admin.post(`/api/v1/accounts/${account.account.id}/conversations/${displayId}/toggle_status`, { status: 'snoozed', snoozed_until: Math.floor(Date.now() / 1000) + 3600 });
    return stack.temporal.workflow.getHandle(conversationWorkflowId(id));
  };

  it('deleting a contact terminates the workflows of their conversations', async ({ stack, account, client: admin, base }) => {
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Dora' });
    const handles = [await snoozedConversation(stack, account, account.apiInbox.id, contact.id), await snoozedConversation(stack, account, account.inbox.id, contact.id)];
    expect((await admin.delete(`${base}/contacts/${contact.id}`)).status).toBeLessThan(300);
    for (const handle of handles) expect((await handle.describe()).status.name).toBe('TERMINATED');
  });

  it('deleting an inbox terminates the workflows of its conversations, and only those', async ({ stack, account, client: admin, base }) => {
    const inbox = await createInboxRecord(stack.db, { accountId: account.account.id, name: 'Doomed', channelType: 'api', memberIds: [] });
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Eve' });
    const doomed = await snoozedConversation(stack, account, inbox.id, contact.id);
    const kept = await snoozedConversation(stack, account, account.apiInbox.id, contact.id);
    expect((await admin.delete(`${base}/inboxes/${inbox.id}`)).status).toBeLessThan(300);
    expect((await doomed.describe()).status.name).toBe('TERMINATED');
    expect((await kept.describe()).status.name).toBe('RUNNING');
  });
});
