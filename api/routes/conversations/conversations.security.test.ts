import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { insertContact } from '../../../db/queries/contacts.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false }).extend('displayId', { scope: 'file' }, async ({ stack, account, base }) => {
  const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Dana' });
  const created = await apiClient(stack, account.agent.token).post(`${base}/conversations`, { inbox_id: account.inbox.id, contact_id: contact.id });
  const displayId: number = created.body.id;
  await apiClient(stack, account.agent.token).post(`${base}/conversations/${displayId}/messages`, { content: 'secret order details', message_type: 'incoming' });
  return displayId;
});

describe('conversation routes are authorised by role and inbox membership', () => {
  it('without a token or session the API answers 401', async ({ stack, base }) => {
    const response = await apiClient(stack).get(`${base}/conversations`);
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('a revoked or made-up token is refused', async ({ stack, base }) => {
    expect((await apiClient(stack, 'not-a-token').get(`${base}/conversations`)).status).toBe(401);
  });

  it("an agent outside the inbox neither lists nor opens its conversations (404, like a missing one)", async ({ stack, account, base, displayId }) => {
    const outsider = apiClient(stack, account.outsider.token);
    const list = await outsider.get(`${base}/conversations?assignee_type=all`);
    expect(list.status).toBe(200);
    expect(list.body.data.payload).toEqual([]);
    expect(list.body.data.meta.all_count).toBe(0);
    for (const path of [`/conversations/${displayId}`, `/conversations/${displayId}/messages`, `/conversations/${displayId}/labels`]) {
      expect((await outsider.get(`${base}${path}`)).status).toBe(404);
    }
    expect((await outsider.post(`${base}/conversations/${displayId}/messages`, { content: 'hi' })).status).toBe(404);
    expect((await outsider.post(`${base}/conversations/${displayId}/toggle_status`, { status: 'resolved' })).status).toBe(404);
  });

  it('the administrator sees every inbox', async ({ stack, account, base, displayId }) => {
    const list = await apiClient(stack, account.admin.token).get(`${base}/conversations?assignee_type=all`);
    expect(list.body.data.payload.map((c: { id: number }) => c.id)).toContain(displayId);
  });

  it("a member of another account cannot reach this account's routes", async ({ stack, base, otherAccount: other, displayId }) => {
    const stranger = apiClient(stack, other.admin.token);
    expect((await stranger.get(`${base}/conversations`)).status).toBe(404);
    expect((await stranger.get(`${base}/conversations/${displayId}/messages`)).status).toBe(404);
  });

  it('an agent cannot assign the conversation to someone outside its inbox', async ({ stack, account, base, displayId }) => {
    const response = await apiClient(stack, account.agent.token).post(`${base}/conversations/${displayId}/assignments`, { assignee_id: account.outsider.id });
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe('assignee_id');
  });

  it('cookie sessions must send the CSRF header on writes', async ({ stack, account, base, displayId }) => {
    const signIn = await stack.app.request('/auth/sign_in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: account.agent.email, password: account.password }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    expect(signIn.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const withoutHeader = await stack.app.request(`${base}/conversations/${displayId}/messages`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'forged' }),
    });
    expect(withoutHeader.status).toBe(403);
    const withHeader = await stack.app.request(`${base}/conversations/${displayId}/messages`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-requested-with': 'parley-console' },
      body: JSON.stringify({ content: 'from the console' }),
    });
    expect(withHeader.status).toBe(200);
    const signOut = await stack.app.request('/auth/sign_out', { method: 'DELETE', headers: { cookie, 'x-requested-with': 'parley-console' } });
    expect(signOut.status).toBe(200);
    expect((await stack.app.request(`${base}/conversations`, { headers: { cookie } })).status).toBe(401);
  });

  it('wrong passwords are refused the same way for unknown and known e-mails, and repeated guessing is slowed down', async ({ stack, account }) => {
    const attempt = (email: string) =>
      stack.app.request('/auth/sign_in', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
        body: JSON.stringify({ email, password: 'wrong' }),
      });
    const unknown = await attempt('nobody@example.test');
    const known = await attempt(account.admin.email);
    expect([unknown.status, known.status]).toEqual([401, 401]);
    expect(((await unknown.json()) as any).error.message).toBe(((await known.json()) as any).error.message);
    let last = 0;
    for (let i = 0; i < 12; i += 1) last = (await attempt(account.admin.email)).status;
    expect(last).toBe(429);
  });
});
