import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountMemberships } from '../../../db/schema/index.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

describe('agents: who may do what', () => {
  let stack: TestStack;
  let account: TestAccount;
  let other: TestAccount;
  let base: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    other = await createTestAccount(stack);
    base = `/api/v1/accounts/${account.account.id}`;
  });
  afterAll(() => stack.close());

  it('answers 401 without a token', async () => {
    expect((await apiClient(stack).get(`${base}/agents`)).status).toBe(401);
    expect((await apiClient(stack).put('/api/v1/profile', { name: 'X' })).status).toBe(401);
  });

  it('lets only administrators add, change or remove agents', async () => {
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

  it('answers 404 to a member of another account', async () => {
    const stranger = apiClient(stack, other.admin.token);
    expect((await stranger.get(`${base}/agents`)).status).toBe(404);
    expect((await stranger.post(`${base}/agents`, { name: 'Mole', email: 'mole@example.test', role: 'administrator' })).status).toBe(404);
    expect((await stranger.delete(`${base}/agents/${account.agent.id}`)).status).toBe(404);
    // Nor can they reach this account's agent through their own account.
    expect((await stranger.patch(`/api/v1/accounts/${other.account.id}/agents/${account.agent.id}`, { role: 'agent' })).status).toBe(404);
  });

  it('does not let a user set their availability in an account they do not belong to', async () => {
    const stranger = apiClient(stack, other.agent.token);
    const response = await stranger.post('/api/v1/profile/availability', { account_id: account.account.id, availability: 'online' });
    expect(response.status).toBe(404);
  });

  it('requires the CSRF header for cookie-signed profile changes', async () => {
    const signIn = await apiClient(stack).post('/auth/sign_in', { email: account.agent.email, password: account.password });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const forged = await stack.app.request('/api/v1/profile', { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Hacked' }) });
    expect(forged.status).toBe(403);
  });
});
