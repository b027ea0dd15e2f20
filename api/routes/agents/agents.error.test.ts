import { eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { accountMemberships } from '../../../db/schema/index.js';
import { updateAgent } from '../../../core/services/agents/update.js';
import { apiClient, createTestAccount } from '../../../tests/support/stack.js';
import { backendsWaitingBehind, deferred, waitUntil } from '../../../tests/support/wait.js';

const it = apiTest({ worker: false }).extend('countMembers', async ({ stack, account }) => async () =>
  Number((await stack.db.select({ n: sql<number>`count(*)::int` }).from(accountMemberships).where(eq(accountMemberships.accountId, account.account.id)))[0].n),
);

describe('agents: bad input', () => {
  it('refuses an e-mail that already belongs to a member of this account (any case), adding nobody', async ({ account, base, client: admin, countMembers }) => {
    const before = await countMembers();
    const response = await admin.post(`${base}/agents`, { name: 'Again', email: account.agent.email.toUpperCase(), role: 'agent' });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'email' });
    expect(response.body).not.toHaveProperty('password');
    expect(await countMembers()).toBe(before);
  });

  it('validates fields', async ({ base, client: admin }) => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'X', email: 'not-an-email', role: 'agent' }, 'email'],
      [{ name: '', email: 'x@example.test', role: 'agent' }, 'name'],
      [{ name: 'X', email: 'x@example.test', role: 'owner' }, 'role'],
      [{ name: 'X', email: 'x@example.test', role: 'agent', password: 'short' }, 'password'],
      [{ name: 'X', email: 'x@example.test', role: 'agent', availability_status: 'away' }, 'availability_status'],
    ];
    for (const [body, field] of cases) {
      const response = await admin.post(`${base}/agents`, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error.field).toBe(field);
    }
  });

  it('keeps the last administrator: no demoting, no removing', async ({ stack, account, base, client: admin }) => {
    const demote = await admin.patch(`${base}/agents/${account.admin.id}`, { role: 'agent' });
    expect(demote.status).toBe(422);
    expect(demote.body.error.field).toBe('role');
    const remove = await admin.delete(`${base}/agents/${account.admin.id}`);
    expect(remove.status).toBe(422);
    const list = await admin.get(`${base}/agents`);
    expect(list.body.find((a: { id: number }) => a.id === account.admin.id).role).toBe('administrator');

    // With a second administrator, the first may step down.
    await admin.patch(`${base}/agents/${account.agent.id}`, { role: 'administrator' });
    expect((await admin.patch(`${base}/agents/${account.admin.id}`, { role: 'agent' })).status).toBe(200);
    const newAdmin = apiClient(stack, account.agent.token);
    expect((await newAdmin.patch(`${base}/agents/${account.agent.id}`, { role: 'agent' })).status).toBe(422);
  });

  it('keeps one administrator when two administrators demote each other at the same moment', async ({ stack }) => {
    const fresh = await createTestAccount(stack);
    const freshBase = `/api/v1/accounts/${fresh.account.id}`;
    await apiClient(stack, fresh.admin.token).patch(`${freshBase}/agents/${fresh.agent.id}`, { role: 'administrator' });
    // Straight to the service, so both requests pass the role check before either commits.
    const asAdmin = (userId: number) => ({ ...stack.deps, actor: { userId, accountId: fresh.account.id, role: 'administrator' as const } });
    // The test holds the memberships' row locks, so neither demotion can count administrators
    // until both are queued behind it; only then does it let go.
    const lockHeld = deferred<number>();
    const release = deferred();
    const held = stack.sql.begin(async (sql) => {
      await sql`select 1 from account_memberships where account_id = ${fresh.account.id} for update`;
      const [{ pid }] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
      lockHeld.resolve(pid);
      await release.promise;
    });
    const holderPid = await Promise.race([lockHeld.promise, held.then(() => Promise.reject(new Error('the lock holder ended early')))]);
    const demotions = Promise.allSettled([
      updateAgent(asAdmin(fresh.admin.id), fresh.agent.id, { role: 'agent' }),
      updateAgent(asAdmin(fresh.agent.id), fresh.admin.id, { role: 'agent' }),
    ]);
    await waitUntil(async () => (await backendsWaitingBehind(stack.sql, holderPid)) >= 2, 'both demotions to wait on the held memberships');
    release.resolve();
    await held;
    const results = await demotions;
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'VALIDATION_FAILED', field: 'role' });
    const list = await apiClient(stack, fresh.admin.token).get(`${freshBase}/agents`);
    expect(list.body.filter((a: { role: string }) => a.role === 'administrator')).toHaveLength(1);
  });

  it('answers 404 for someone who is not a member', async ({ stack, account, base }) => {
    const elsewhere = await createTestAccount(stack);
    const newAdmin = apiClient(stack, account.agent.token);
    expect((await newAdmin.patch(`${base}/agents/${elsewhere.agent.id}`, { name: 'X' })).status).toBe(404);
    expect((await newAdmin.delete(`${base}/agents/999999`)).status).toBe(404);
  });

  it('refuses a profile password change without the right current password', async ({ stack, account }) => {
    const me = apiClient(stack, account.outsider.token);
    const missing = await me.put('/api/v1/profile', { password: 'another passphrase' });
    expect(missing.status).toBe(422);
    expect(missing.body.error.field).toBe('current_password');
    const wrong = await me.put('/api/v1/profile', { password: 'another passphrase', current_password: 'wrong' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.field).toBe('current_password');
    expect((await apiClient(stack).post('/auth/sign_in', { email: account.outsider.email, password: account.password })).status).toBe(200);
    const locale = await me.put('/api/v1/profile', { ui_locale: 'fr' });
    expect(locale.body.error.field).toBe('ui_locale');
  });
});
