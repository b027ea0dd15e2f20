import { eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { accountMemberships } from '../../../db/schema/index.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false });

describe('agents: who may do what', () => {
  it('answers 401 without a token', async ({ stack, base }) => {
    expect((await apiClient(stack).get(`${base}/agents`)).status).toBe(401);
    expect((await apiClient(stack).put('/api/v1/profile', { name: 'X' })).status).toBe(401);
  });

  it('lets only administrators add, change or remove agents', async ({ stack, account, base }) => {
    const agent = apiClient(stack, account.agent.token);
    const count = async () => Number((await stack.db.select({ n: sql<number>`count(*)::int` }).from(accountMemberships).where(eq(accountMemberships.accountId, account.account.id)))[0].n);
    const before = await count();
    expect((await agent.post(`${base}/agents`, { name: 'Friend', email: `friend-${account.account.id}@example.test`, role: 'administrator' })).status).toBe(403);
    expect((await agent.patch(`${base}/agents/${account.agent.id}`, { role: 'administrator' })).status).toBe(403);
    expect((await agent.delete(`${base}/agents/${account.outsider.id}`)).status).toBe(403);
    expect(await count()).toBe(before);
    const list = await agent.get(`${base}/agents`);
    expect(list.body.find((a: { id: number }) => a.id === account.agent.id).role).toBe('agent');
  });

  it('answers 404 to a member of another account', async ({ stack, account, base, otherAccount: other }) => {
    const stranger = apiClient(stack, other.admin.token);
    expect((await stranger.get(`${base}/agents`)).status).toBe(404);
    expect((await stranger.post(`${base}/agents`, { name: 'Mole', email: 'mole@example.test', role: 'administrator' })).status).toBe(404);
    expect((await stranger.delete(`${base}/agents/${account.agent.id}`)).status).toBe(404);
    // Nor can they reach this account's agent through their own account.
    expect((await stranger.patch(`/api/v1/accounts/${other.account.id}/agents/${account.agent.id}`, { role: 'agent' })).status).toBe(404);
  });

  it('does not let a user set their availability in an account they do not belong to', async ({ stack, account, otherAccount: other }) => {
    const stranger = apiClient(stack, other.agent.token);
    const response = await stranger.post('/api/v1/profile/availability', { account_id: account.account.id, availability: 'online' });
    expect(response.status).toBe(404);
  });

  it('requires the CSRF header for cookie-signed profile changes', async ({ stack, account }) => {
    const signIn = await apiClient(stack).post('/auth/sign_in', { email: account.agent.email, password: account.password });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const forged = await stack.app.request('/api/v1/profile', { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Hacked' }) });
    expect(forged.status).toBe(403);
  });
});
