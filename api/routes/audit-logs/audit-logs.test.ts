import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false });

type Entry = { action: string; auditable_type: string; auditable_id: number | null; user_id: number | null; username: string | null; audited_changes: Record<string, unknown> };

describe('audit logs', () => {
  it('records sign-ins, settings, labels, agents and roles, newest first, filterable by actor and action', async ({ stack, account, base, client: admin }) => {
    const anonymous = apiClient(stack);
    expect((await anonymous.post('/auth/sign_in', { email: account.agent.email, password: 'wrong password' })).status).toBe(401);
    expect((await anonymous.post('/auth/sign_in', { email: account.agent.email, password: account.password })).status).toBe(200);
    await admin.patch(`${base}`, { name: 'Renamed account' });
    const label = (await admin.post(`${base}/labels`, { title: 'audited' })).body;
    await admin.patch(`${base}/labels/${label.id}`, { color: '#00ff00' });
    await admin.delete(`${base}/labels/${label.id}`);
    const role = (await admin.post(`${base}/custom_roles`, { name: 'Audited role', permissions: ['contact_manage'] })).body;
    await admin.patch(`${base}/agents/${account.agent.id}`, { custom_role_id: role.id });

    const page = await admin.get(`${base}/audit_logs`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ per_page: 15, current_page: 1, total_entries: expect.any(Number) });
    const entries = page.body.audit_logs as Entry[];
    expect(entries.map((e) => `${e.auditable_type}.${e.action}`).slice(0, 8)).toEqual([
      'AccountUser.role_assigned',
      'CustomRole.create',
      'Label.destroy',
      'Label.update',
      'Label.create',
      'Account.update',
      'User.sign_in',
      'User.sign_in_failed',
    ]);
    expect(entries[0]).toMatchObject({ user_id: account.admin.id, username: 'Ada Admin', auditable_id: account.agent.id, audited_changes: { custom_role_id: [null, role.id] } });
    expect(entries[3].audited_changes).toEqual({ color: ['#1f93ff', '#00ff00'] });
    expect(entries[5].audited_changes).toMatchObject({ name: [expect.any(String), 'Renamed account'] });
    expect(entries[7]).toMatchObject({ user_id: account.agent.id, auditable_id: account.agent.id });

    const byAgent = (await admin.get(`${base}/audit_logs?user_id=${account.agent.id}`)).body.audit_logs as Entry[];
    expect(byAgent.map((e) => e.action)).toEqual(['sign_in', 'sign_in_failed']);
    const deletions = (await admin.get(`${base}/audit_logs?action=destroy`)).body.audit_logs as Entry[];
    expect(deletions.map((e) => e.auditable_type)).toEqual(['Label']);
  });

  it('a refused change leaves no entry; agents cannot read the log', async ({ stack, account, base, client: admin }) => {
    const before = (await admin.get(`${base}/audit_logs?auditable_type=Label`)).body.total_entries;
    await admin.post(`${base}/labels`, { title: 'twice' });
    expect((await admin.post(`${base}/labels`, { title: 'TWICE' })).status).toBe(422);
    expect((await admin.get(`${base}/audit_logs?auditable_type=Label`)).body.total_entries).toBe(before + 1);
    expect((await apiClient(stack, account.outsider.token).get(`${base}/audit_logs`)).status).toBe(403);
  });

  it('pages 15 at a time', async ({ base, client: admin }) => {
    for (let i = 0; i < 16; i++) await admin.post(`${base}/labels`, { title: `page-${i}` });
    const second = await admin.get(`${base}/audit_logs?page=2&action=create&auditable_type=Label`);
    expect(second.body.current_page).toBe(2);
    expect(second.body.audit_logs.length).toBe(second.body.total_entries - 15);
    expect((await admin.get(`${base}/audit_logs?page=0`)).body.error.field).toBe('page');
  });
});

describe('audit logs of inboxes, teams, webhooks and automation rules', () => {
  it('each create, update and delete leaves an entry naming what changed', async ({ base, client: admin }) => {
    const team = (await admin.post(`${base}/teams`, { name: 'Audit team' })).body;
    await admin.patch(`${base}/teams/${team.id}`, { description: 'now described' });
    await admin.delete(`${base}/teams/${team.id}`);
    const inbox = (await admin.post(`${base}/inboxes`, { name: 'Audit inbox', channel: { type: 'api' } })).body;
    expect(inbox.id).toEqual(expect.any(Number));
    await admin.patch(`${base}/inboxes/${inbox.id}`, { name: 'Audit inbox renamed' });
    await admin.delete(`${base}/inboxes/${inbox.id}`);
    const entries = (await admin.get(`${base}/audit_logs`)).body.audit_logs as Entry[];
    expect(entries.slice(0, 6).map((e) => `${e.auditable_type}.${e.action}`)).toEqual(['Inbox.destroy', 'Inbox.update', 'Inbox.create', 'Team.destroy', 'Team.update', 'Team.create']);
    expect(entries[1].audited_changes).toEqual({ name: 'Audit inbox renamed' });
    expect(entries[4].audited_changes).toEqual({ description: 'now described' });
  });
});
