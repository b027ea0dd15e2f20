import { describe, expect } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false });

describe('teams through the Application API', () => {
  it('creates, lists, shows, renames and deletes teams in Chatwoot’s shape', async ({ stack, account, base, client: admin }) => {
    const created = await admin.post(`${base}/teams`, { name: 'Billing', description: 'Money matters' });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: expect.any(Number),
      name: 'Billing',
      description: 'Money matters',
      allow_auto_assign: true,
      account_id: account.account.id,
      is_member: false,
    });
    await admin.post(`${base}/teams`, { name: 'Accounts', allow_auto_assign: false });
    const list = await apiClient(stack, account.agent.token).get(`${base}/teams`);
    expect(list.status).toBe(200);
    expect(list.body.map((t: { name: string }) => t.name)).toEqual(['Accounts', 'Billing']);

    const renamed = await admin.patch(`${base}/teams/${created.body.id}`, { name: 'Finance', description: null });
    expect(renamed.body).toMatchObject({ id: created.body.id, name: 'Finance', description: null });
    expect((await admin.get(`${base}/teams/${created.body.id}`)).body.name).toBe('Finance');
    expect((await admin.delete(`${base}/teams/${created.body.id}`)).status).toBe(200);
    expect((await admin.get(`${base}/teams/${created.body.id}`)).status).toBe(404);
  });

  it('adds, replaces and removes members with user_ids; is_member tells the caller', async ({ stack, account, base, client: admin }) => {
    const team = (await admin.post(`${base}/teams`, { name: 'Support' })).body;
    const added = await admin.post(`${base}/teams/${team.id}/team_members`, { user_ids: [account.agent.id, account.outsider.id] });
    expect(added.status).toBe(200);
    expect(added.body.map((a: { name: string }) => a.name)).toEqual(['Alan Agent', 'Olga Outsider']);
    const replaced = await admin.patch(`${base}/teams/${team.id}/team_members`, { user_ids: [account.agent.id, account.admin.id] });
    expect(replaced.body.map((a: { id: number }) => a.id).sort()).toEqual([account.admin.id, account.agent.id].sort());
    const removed = await admin.delete(`${base}/teams/${team.id}/team_members`, { user_ids: [account.admin.id] });
    expect(removed.body.map((a: { id: number }) => a.id)).toEqual([account.agent.id]);
    const agent = apiClient(stack, account.agent.token);
    expect((await agent.get(`${base}/teams/${team.id}/team_members`)).body.map((a: { id: number }) => a.id)).toEqual([account.agent.id]);
    expect((await agent.get(`${base}/teams/${team.id}`)).body.is_member).toBe(true);
    expect((await admin.get(`${base}/teams/${team.id}`)).body.is_member).toBe(false);
  });

  it('assigns a conversation to a team, as Chatwoot: the team comes back, the activity says who, and the list filters by it', async ({ stack, account, base, client: admin }) => {
    const team = (await admin.post(`${base}/teams`, { name: 'Refunds' })).body;
    await admin.post(`${base}/teams/${team.id}/team_members`, { user_ids: [account.agent.id] });
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Tina Team' });
    const id = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
    const other = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;

    const assigned = await admin.post(`${base}/conversations/${id}/assignments`, { team_id: team.id });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ id: team.id, name: 'Refunds' });
    const shown = await admin.get(`${base}/conversations/${id}`);
    expect(shown.body.meta.team).toEqual({ id: team.id, name: 'Refunds' });
    const messages = (await admin.get(`${base}/conversations/${id}/messages`)).body.payload;
    expect(messages.map((m: { content: string }) => m.content)).toContain('Assigned to team Refunds by Ada Admin');

    const filtered = await admin.get(`${base}/conversations?assignee_type=all&status=all&team_id=${team.id}`);
    expect(filtered.body.data.payload.map((c: { id: number }) => c.id)).toEqual([id]);
    expect(filtered.body.data.payload.map((c: { id: number }) => c.id)).not.toContain(other);
    const meta = await admin.get(`${base}/conversations/meta?status=all&team_id=${team.id}`);
    expect(meta.body.meta.all_count).toBe(1);
  });

  it('giving a team whose members do not include the assignee unassigns them, as Chatwoot does', async ({ stack, account, base, client: admin }) => {
    const team = (await admin.post(`${base}/teams`, { name: 'Nobody' })).body;
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Uma Unassigned' });
    const id = (await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id, assignee_id: account.agent.id })).body.id;
    await admin.post(`${base}/conversations/${id}/assignments`, { team_id: team.id });
    const shown = (await admin.get(`${base}/conversations/${id}`)).body;
    expect(shown.meta.assignee).toBeNull();
    expect(shown.meta.team).toMatchObject({ id: team.id });
    const contents = (await admin.get(`${base}/conversations/${id}/messages`)).body.payload.map((m: { content: string }) => m.content);
    expect(contents).toEqual(expect.arrayContaining(['Assigned to team Nobody by Ada Admin', 'Conversation unassigned by Ada Admin']));
  });
});
