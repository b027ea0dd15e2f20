import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';
import { addUserToAccount, issueAccessToken } from '../../../core/services/accounts/bootstrap.js';
import { insertContact } from '../../../db/queries/contacts.js';
import { readEventStream } from '../../../tests/support/visitor.js';

const it = apiTest({ worker: false });

describe('the console event stream under a custom role', () => {
  it('an agent with “own and participating conversations” hears nothing of another agent’s conversation', async ({ stack, account, base, client: admin }) => {
    const role = (await admin.post(`${base}/custom_roles`, { name: 'Own only', permissions: ['conversation_participating_manage'] })).body;
    const user = await addUserToAccount(stack.db, { accountId: account.account.id, name: 'Ola', email: `ola-${account.account.id}@example.test`, password: account.password, role: 'agent' });
    await admin.post(`${base}/inbox_members`, { inbox_id: account.apiInbox.id, user_ids: [user.id] });
    await admin.patch(`${base}/agents/${user.id}`, { custom_role_id: role.id });
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Stream contact' });
    const others = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id, assignee_id: account.agent.id })).body.id;
    const unassigned = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
    const hers = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id, assignee_id: user.id })).body.id;

    const response = await apiClient(stack, await issueAccessToken(stack.db, user.id)).raw(`${base}/events`);
    expect(response.status).toBe(200);
    const stream = readEventStream(response);
    const colleague = readEventStream(await apiClient(stack, account.agent.token).raw(`${base}/events`));
    try {
      await Promise.all([stream.waitFor((e) => e.event === 'ready'), colleague.waitFor((e) => e.event === 'ready')]);
      const say = (id: number, content: string) => admin.post(`${base}/conversations/${id}/messages`, { content, message_type: 'incoming' });
      await say(others, 'secret of another agent');
      await say(unassigned, 'secret of the queue');
      // Sent last: once it arrives, the two before it have been judged.
      await say(hers, 'for Ola');
      const first = await stream.waitFor((e) => e.event === 'message.created');
      expect(first.data).toMatchObject({ conversation: { id: hers }, message: { content: 'for Ola' } });
      expect(stream.raw()).not.toContain('secret of another agent');
      expect(stream.raw()).not.toContain('secret of the queue');
      // The built-in agent of the same inbox still hears all three.
      await colleague.waitFor((e) => e.event === 'message.created' && e.data.message.content === 'for Ola');
      expect(colleague.raw()).toContain('secret of another agent');
    } finally {
      await Promise.all([stream.close(), colleague.close()]);
    }
  });
});
