import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';
import { addUserToAccount, issueAccessToken } from '../../../core/services/accounts/bootstrap.js';
import { insertContact } from '../../../db/queries/contacts.js';

const it = apiTest({ worker: false });

describe('custom roles through the Application API', () => {
  it('creates, lists, renames and deletes a role in Chatwoot’s shape', async ({ base, client: admin }) => {
    const created = await admin.post(`${base}/custom_roles`, { name: 'Support tier 1', description: 'Answers new chats', permissions: ['contact_manage', 'conversation_unassigned_manage', 'contact_manage'] });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ id: expect.any(Number), name: 'Support tier 1', description: 'Answers new chats', permissions: ['conversation_unassigned_manage', 'contact_manage'] });
    expect((await admin.get(`${base}/custom_roles`)).body.map((r: { name: string }) => r.name)).toContain('Support tier 1');
    const updated = await admin.patch(`${base}/custom_roles/${created.body.id}`, { name: 'Tier 1', permissions: ['report_manage'] });
    expect(updated.body).toMatchObject({ name: 'Tier 1', description: 'Answers new chats', permissions: ['report_manage'] });
    expect((await admin.get(`${base}/custom_roles/${created.body.id}`)).body.name).toBe('Tier 1');
    expect((await admin.delete(`${base}/custom_roles/${created.body.id}`)).status).toBe(200);
    expect((await admin.get(`${base}/custom_roles/${created.body.id}`)).status).toBe(404);
  });

  it('an agent given a role gets exactly its permissions, and loses them when the role goes', async ({ stack, account, base, client: admin }) => {
    const role = (await admin.post(`${base}/custom_roles`, { name: 'Labeller', permissions: ['label_manage'] })).body;
    const user = await addUserToAccount(stack.db, { accountId: account.account.id, name: 'Lia', email: `lia-${account.account.id}@example.test`, password: account.password, role: 'agent' });
    const lia = apiClient(stack, await issueAccessToken(stack.db, user.id));
    expect((await lia.post(`${base}/labels`, { title: 'before-role' })).status).toBe(403);
    expect((await lia.get(`${base}/contacts`)).status).toBe(200);

    const assigned = await admin.patch(`${base}/agents/${user.id}`, { custom_role_id: role.id });
    expect(assigned.body).toMatchObject({ id: user.id, custom_role_id: role.id });
    expect((await admin.get(`${base}/agents`)).body.find((a: { id: number }) => a.id === user.id).custom_role_id).toBe(role.id);
    expect((await lia.post(`${base}/labels`, { title: 'with-role' })).status).toBe(200);
    // The role replaces the built-in agent's permissions: no contacts, no conversations.
    expect((await lia.get(`${base}/contacts`)).status).toBe(403);
    expect((await lia.get(`${base}/conversations`)).status).toBe(403);

    await admin.delete(`${base}/custom_roles/${role.id}`);
    expect((await admin.get(`${base}/agents`)).body.find((a: { id: number }) => a.id === user.id).custom_role_id).toBeNull();
    expect((await lia.post(`${base}/labels`, { title: 'after-role' })).status).toBe(403);
    expect((await lia.get(`${base}/contacts`)).status).toBe(200);
  });

  it('conversation scopes: list, counts, show, messages, search and actions follow the role', async ({ stack, account, base, client: admin }) => {
    const newAgent = async (name: string, permission: string) => {
      const role = (await admin.post(`${base}/custom_roles`, { name: `${name} role`, permissions: [permission] })).body;
      const user = await addUserToAccount(stack.db, { accountId: account.account.id, name, email: `${name}-${account.account.id}@example.test`, password: account.password, role: 'agent' });
      await admin.post(`${base}/inbox_members`, { inbox_id: account.apiInbox.id, user_ids: [user.id] });
      await admin.patch(`${base}/agents/${user.id}`, { custom_role_id: role.id });
      return { ...user, client: apiClient(stack, await issueAccessToken(stack.db, user.id)) };
    };
    const unassignedAgent = await newAgent('Uma', 'conversation_unassigned_manage');
    const participatingAgent = await newAgent('Pia', 'conversation_participating_manage');
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Scope contact' });
    const open = async (assigneeId?: number) => (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id, assignee_id: assigneeId })).body.id as number;
    const unassigned = await open();
    const others = await open(account.agent.id);
    const pias = await open(participatingAgent.id);
    const joined = await open(account.agent.id);
    await admin.post(`${base}/conversations/${unassigned}/messages`, { content: 'findme unassigned', message_type: 'incoming' });
    await admin.post(`${base}/conversations/${others}/messages`, { content: 'findme others', message_type: 'incoming' });
    // Pia takes part: while it is hers she replies, then it goes to another agent and stays in her view.
    await admin.post(`${base}/conversations/${joined}/assignments`, { assignee_id: participatingAgent.id });
    expect((await participatingAgent.client.post(`${base}/conversations/${joined}/messages`, { content: 'my reply' })).status).toBe(200);
    await admin.post(`${base}/conversations/${joined}/assignments`, { assignee_id: account.agent.id });

    const listed = async (client: typeof admin) => ((await client.get(`${base}/conversations?status=all&assignee_type=all&inbox_id=${account.apiInbox.id}`)).body.data.payload as Array<{ id: number }>).map((c) => c.id).sort();
    expect(await listed(unassignedAgent.client)).toEqual([unassigned].sort());
    expect(await listed(participatingAgent.client)).toEqual([pias, joined].sort());
    expect(await listed(admin)).toEqual(expect.arrayContaining([unassigned, others, pias, joined]));

    const meta = (await participatingAgent.client.get(`${base}/conversations/meta?status=all&inbox_id=${account.apiInbox.id}`)).body.meta;
    expect(meta).toMatchObject({ all_count: 2, mine_count: 1, unassigned_count: 0 });

    expect((await unassignedAgent.client.get(`${base}/conversations/${others}`)).status).toBe(404);
    expect((await unassignedAgent.client.get(`${base}/conversations/${others}/messages`)).status).toBe(404);
    expect((await unassignedAgent.client.post(`${base}/conversations/${others}/toggle_status`, { status: 'resolved' })).status).toBe(404);
    expect((await unassignedAgent.client.get(`${base}/conversations/${unassigned}/messages`)).status).toBe(200);
    expect((await participatingAgent.client.get(`${base}/conversations/${joined}`)).status).toBe(200);
    expect((await participatingAgent.client.get(`${base}/conversations/${unassigned}`)).status).toBe(404);

    const searched = await unassignedAgent.client.get(`${base}/conversations?status=all&assignee_type=all&q=findme`);
    expect(searched.body.data.payload.map((c: { id: number }) => c.id)).toEqual([unassigned]);
  });
});
