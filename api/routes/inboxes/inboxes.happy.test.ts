import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false });

describe('inboxes through the Application API', () => {
  it('creates a website inbox whose embed script carries its identifier and Parley’s URL', async ({ base, client: admin }) => {
    const created = await admin.post(`${base}/inboxes`, {
      name: 'Shop chat',
      channel: { type: 'web_widget', website_url: 'https://shop.example.com', widget_color: '#1F93FF', welcome_title: 'Hi there!', welcome_tagline: 'We reply in minutes' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: 'Shop chat',
      channel_type: 'web_widget',
      enable_auto_assignment: true,
      website_url: 'https://shop.example.com',
      widget_color: '#1f93ff',
      welcome_title: 'Hi there!',
      welcome_tagline: 'We reply in minutes',
      webhook_url: null,
    });
    const script: string = created.body.web_widget_script;
    expect(script.startsWith('<script>')).toBe(true);
    expect(script).toContain(created.body.inbox_identifier);
    expect(script).toContain('"http://localhost:3000"');
    expect(script).toContain('/widget.js');
    expect(script).toContain('window.parleySDK.run');

    const shown = await admin.get(`${base}/inboxes/${created.body.id}`);
    expect(shown.body).toEqual(created.body);
    const list = await admin.get(`${base}/inboxes`);
    expect(list.body.payload.map((i: { id: number }) => i.id)).toContain(created.body.id);
  });

  it('creates API and email inboxes without an embed script', async ({ base, client: admin }) => {
    const api = await admin.post(`${base}/inboxes`, { name: 'Integration', channel: { type: 'api', webhook_url: 'https://hooks.example.com/parley' }, enable_auto_assignment: false });
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({ channel_type: 'api', webhook_url: 'https://hooks.example.com/parley', enable_auto_assignment: false, web_widget_script: null });
    const email = await admin.post(`${base}/inboxes`, { name: 'Support mail', channel: { type: 'email', email: 'Support@Example.com' } });
    expect(email.status).toBe(200);
    expect(email.body).toMatchObject({ channel_type: 'email', email: 'support@example.com', web_widget_script: null });
  });

  it('updates name, auto-assignment and settings, clearing a setting sent as null', async ({ base, client: admin }) => {
    const created = await admin.post(`${base}/inboxes`, { name: 'Old', channel: { type: 'web_widget', website_url: 'https://a.example', welcome_title: 'Hello' } });
    const updated = await admin.patch(`${base}/inboxes/${created.body.id}`, { name: 'New', enable_auto_assignment: false, channel: { widget_color: '#000000', welcome_title: null } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'New', enable_auto_assignment: false, widget_color: '#000000', welcome_title: null, website_url: 'https://a.example' });
  });

  it('manages members: add, replace and remove; an agent sees exactly the inboxes they belong to', async ({ stack, account, base, client: admin }) => {
    const created = await admin.post(`${base}/inboxes`, { name: 'Team inbox', channel: { type: 'api' } });
    const inboxId = created.body.id;
    const outsider = apiClient(stack, account.outsider.token);
    expect((await outsider.get(`${base}/inboxes`)).body.payload).toEqual([]);

    const added = await admin.post(`${base}/inbox_members`, { inbox_id: inboxId, user_ids: [account.outsider.id, account.agent.id] });
    expect(added.status).toBe(200);
    expect(added.body.payload.map((a: { id: number }) => a.id).sort()).toEqual([account.agent.id, account.outsider.id].sort());
    expect((await outsider.get(`${base}/inboxes`)).body.payload.map((i: { id: number }) => i.id)).toEqual([inboxId]);
    expect((await outsider.get(`${base}/inboxes/${inboxId}`)).status).toBe(200);
    const members = await outsider.get(`${base}/inbox_members/${inboxId}`);
    expect(members.body.payload.map((a: { email: string }) => a.email).sort()).toEqual([account.agent.email, account.outsider.email].sort());

    const replaced = await admin.patch(`${base}/inbox_members`, { inbox_id: inboxId, user_ids: [account.outsider.id] });
    expect(replaced.body.payload.map((a: { id: number }) => a.id)).toEqual([account.outsider.id]);

    const removed = await stack.app.request(`${base}/inbox_members`, {
      method: 'DELETE',
      headers: { api_access_token: account.admin.token, 'content-type': 'application/json' },
      body: JSON.stringify({ inbox_id: inboxId, user_ids: [account.outsider.id] }),
    });
    expect(removed.status).toBe(200);
    expect((await outsider.get(`${base}/inboxes/${inboxId}`)).status).toBe(404);
  });

  it('returns an agent’s conversations in an inbox to Unassigned when they leave it', async ({ account, base, client: admin }) => {
    const created = await admin.post(`${base}/inboxes`, { name: 'Leaving', channel: { type: 'api' } });
    await admin.post(`${base}/inbox_members`, { inbox_id: created.body.id, user_ids: [account.outsider.id] });
    const contact = await admin.post(`${base}/contacts`, { name: 'Customer' });
    const conversation = await admin.post(`${base}/conversations`, {
      inbox_id: created.body.id,
      contact_id: contact.body.payload.contact.id,
      assignee_id: account.outsider.id,
    });
    expect(conversation.status).toBe(200);
    expect(conversation.body.meta.assignee.id).toBe(account.outsider.id);
    await admin.patch(`${base}/inbox_members`, { inbox_id: created.body.id, user_ids: [] });
    const after = await admin.get(`${base}/conversations/${conversation.body.id}`);
    expect(after.body.meta.assignee).toBeNull();
  });

  it('deletes an inbox', async ({ base, client: admin }) => {
    const created = await admin.post(`${base}/inboxes`, { name: 'Temporary', channel: { type: 'portal' } });
    expect((await admin.delete(`${base}/inboxes/${created.body.id}`)).status).toBe(200);
    expect((await admin.get(`${base}/inboxes/${created.body.id}`)).status).toBe(404);
  });

  it('keeps business hours (Chatwoot’s working_hours, a time zone) for routing rules, and checks the time zone', async ({ base, client: admin, account }) => {
    const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day_of_week: day, closed_all_day: false, open_hour: 9, open_minutes: 0, close_hour: 18, close_minutes: 0 }));
    const updated = await admin.patch(`${base}/inboxes/${account.inbox.id}`, { working_hours_enabled: true, timezone: 'America/Sao_Paulo', working_hours: weekdays });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ working_hours_enabled: true, timezone: 'America/Sao_Paulo', working_hours: weekdays });
    // Other settings leave them alone.
    await admin.patch(`${base}/inboxes/${account.inbox.id}`, { channel: { welcome_title: 'Hello' } });
    expect((await admin.get(`${base}/inboxes/${account.inbox.id}`)).body).toMatchObject({ working_hours_enabled: true, welcome_title: 'Hello' });
    const refused = await admin.patch(`${base}/inboxes/${account.inbox.id}`, { timezone: 'Mars/Olympus' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.field).toBe('timezone');
  });
});
