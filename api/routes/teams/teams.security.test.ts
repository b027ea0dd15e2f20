import { describe, expect } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false }).extend('teamId', { scope: 'file' }, async ({ stack, account, base }) =>
  (await apiClient(stack, account.admin.token).post(`${base}/teams`, { name: 'Escalations' })).body.id as number,
);

describe('teams: who may do what', () => {
  it('answers 401 without a token', async ({ stack, base }) => {
    expect((await apiClient(stack).get(`${base}/teams`)).status).toBe(401);
  });

  it('lets agents read teams and members but not create, change, delete or staff them', async ({ stack, account, base, teamId }) => {
    const agent = apiClient(stack, account.agent.token);
    expect((await agent.post(`${base}/teams`, { name: 'Mine' })).status).toBe(403);
    expect((await agent.patch(`${base}/teams/${teamId}`, { name: 'Renamed' })).status).toBe(403);
    expect((await agent.delete(`${base}/teams/${teamId}`)).status).toBe(403);
    expect((await agent.post(`${base}/teams/${teamId}/team_members`, { user_ids: [account.agent.id] })).status).toBe(403);
    expect((await agent.patch(`${base}/teams/${teamId}/team_members`, { user_ids: [account.agent.id] })).status).toBe(403);
    expect((await agent.delete(`${base}/teams/${teamId}/team_members`, { user_ids: [account.agent.id] })).status).toBe(403);
    expect((await agent.get(`${base}/teams`)).body.map((t: { name: string }) => t.name)).toEqual(['Escalations']);
    expect((await agent.get(`${base}/teams/${teamId}/team_members`)).body).toEqual([]);
  });

  it('answers 404 to a member of another account, and a team of another account cannot be given to a conversation', async ({ stack, account, base, otherAccount: other, teamId }) => {
    const stranger = apiClient(stack, other.admin.token);
    expect((await stranger.get(`${base}/teams`)).status).toBe(404);
    const ownBase = `/api/v1/accounts/${other.account.id}`;
    expect((await stranger.get(`${ownBase}/teams/${teamId}`)).status).toBe(404);
    expect((await stranger.patch(`${ownBase}/teams/${teamId}`, { name: 'Stolen' })).status).toBe(404);
    expect((await stranger.delete(`${ownBase}/teams/${teamId}`)).status).toBe(404);
    expect((await stranger.post(`${ownBase}/teams/${teamId}/team_members`, { user_ids: [other.agent.id] })).status).toBe(404);
    expect((await stranger.get(`${ownBase}/teams`)).body).toEqual([]);

    const contact = await insertContact(stack.db, { accountId: other.account.id, name: 'Xavier Cross' });
    const id = (await stranger.post(`${ownBase}/conversations`, { inbox_id: other.apiInbox.id, contact_id: contact.id })).body.id;
    expect((await stranger.post(`${ownBase}/conversations/${id}/assignments`, { team_id: teamId })).status).toBe(422);
    expect((await apiClient(stack, account.admin.token).get(`${base}/teams/${teamId}`)).body.name).toBe('Escalations');
  });

  it('an agent outside the inbox cannot assign its conversation to a team (404)', async ({ stack, account, base, teamId }) => {
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Paula Private' });
    const id = (await apiClient(stack, account.admin.token).post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
    expect((await apiClient(stack, account.outsider.token).post(`${base}/conversations/${id}/assignments`, { team_id: teamId })).status).toBe(404);
  });
});
