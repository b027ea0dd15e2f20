import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false });

describe('custom roles: who may do what', () => {
  it('agents can neither read nor manage roles, nor give themselves one', async ({ stack, account, base, client: admin }) => {
    const role = (await admin.post(`${base}/custom_roles`, { name: 'Reports', permissions: ['report_manage'] })).body;
    const agent = apiClient(stack, account.agent.token);
    expect((await agent.get(`${base}/custom_roles`)).status).toBe(403);
    expect((await agent.post(`${base}/custom_roles`, { name: 'Mine', permissions: ['label_manage'] })).status).toBe(403);
    expect((await agent.patch(`${base}/custom_roles/${role.id}`, { permissions: ['label_manage'] })).status).toBe(403);
    expect((await agent.patch(`${base}/agents/${account.agent.id}`, { custom_role_id: role.id })).status).toBe(403);
    expect((await admin.get(`${base}/agents`)).body.find((a: { id: number }) => a.id === account.agent.id).custom_role_id).toBeNull();
  });

  it('another account’s role is invisible and cannot be given', async ({ stack, account, otherAccount, base }) => {
    const otherBase = `/api/v1/accounts/${otherAccount.account.id}`;
    const foreign = (await apiClient(stack, otherAccount.admin.token).post(`${otherBase}/custom_roles`, { name: 'Foreign', permissions: ['label_manage'] })).body;
    const admin = apiClient(stack, account.admin.token);
    expect((await admin.get(`${base}/custom_roles/${foreign.id}`)).status).toBe(404);
    expect((await admin.patch(`${base}/agents/${account.agent.id}`, { custom_role_id: foreign.id })).status).toBe(422);
    expect((await admin.get(`${otherBase}/custom_roles`)).status).toBe(404);
  });
});
