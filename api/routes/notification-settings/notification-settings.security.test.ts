import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false });

describe('notification settings: who may do what', () => {
  it('answers 401 without a token', async ({ stack, base }) => {
    expect((await apiClient(stack).get(`${base}/notification_settings`)).status).toBe(401);
    expect((await apiClient(stack).patch(`${base}/notification_settings`, { selected_email_flags: [] })).status).toBe(401);
  });

  it('answers 404 to a member of another account, whose own settings stay their own', async ({ stack, base, otherAccount: other }) => {
    const stranger = apiClient(stack, other.admin.token);
    expect((await stranger.get(`${base}/notification_settings`)).status).toBe(404);
    expect((await stranger.patch(`${base}/notification_settings`, { selected_email_flags: [] })).status).toBe(404);
    const own = await stranger.patch(`/api/v1/accounts/${other.account.id}/notification_settings`, { selected_email_flags: [] });
    expect(own.body).toMatchObject({ account_id: other.account.id, user_id: other.admin.id, selected_email_flags: [] });
  });

  it('an administrator changing theirs changes no agent’s: each user reads and writes only their own', async ({ stack, account, client: admin, base }) => {
    await admin.patch(`${base}/notification_settings`, { selected_email_flags: [] });
    const agent = (await apiClient(stack, account.agent.token).get(`${base}/notification_settings`)).body;
    expect(agent.user_id).toBe(account.agent.id);
    expect(agent.selected_email_flags).toHaveLength(5);
  });
});
