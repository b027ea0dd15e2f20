import { eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { accountMemberships, users } from '../../../db/schema/index.js';
import { apiClient, createTestAccount } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false });

describe('agents through the Application API', () => {
  it('lists the account’s people as a plain array', async ({ stack, account, base }) => {
    const list = await apiClient(stack, account.agent.token).get(`${base}/agents`);
    expect(list.status).toBe(200);
    expect(Array.isArray(list.body)).toBe(true);
    expect(list.body.map((a: { email: string }) => a.email).sort()).toEqual([account.admin.email, account.agent.email, account.outsider.email].sort());
    expect(list.body.find((a: { id: number }) => a.id === account.admin.id)).toMatchObject({ role: 'administrator', account_id: account.account.id });
  });

  it('creates an agent with a generated password shown once, which signs them in and is stored only as an Argon2id hash', async ({ stack, account, base, client: admin }) => {
    const email = `new-${account.account.id}@example.test`;
    const created = await admin.post(`${base}/agents`, { name: 'Nina New', email, role: 'agent', availability_status: 'online' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: 'Nina New', email, role: 'agent', availability_status: 'online', auto_offline: true });
    const password: string = created.body.password;
    expect(password).toMatch(/^\S{12,}$/);

    const [row] = await stack.db.select().from(users).where(eq(users.email, email));
    expect(row.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(row.passwordHash).not.toContain(password);

    const signIn = await apiClient(stack).post('/auth/sign_in', { email, password });
    expect(signIn.status).toBe(200);
    expect(signIn.body.data.id).toBe(created.body.id);
    const list = await admin.get(`${base}/agents`);
    expect(list.body.find((a: { id: number }) => a.id === created.body.id)).not.toHaveProperty('password');
  });

  it('creates an administrator with a chosen password', async ({ stack, account, base, client: admin }) => {
    const email = `boss-${account.account.id}@example.test`;
    const created = await admin.post(`${base}/agents`, { name: 'Bea Boss', email, role: 'administrator', password: 'a long chosen secret' });
    expect(created.body).toMatchObject({ role: 'administrator', password: 'a long chosen secret' });
    expect((await apiClient(stack).post('/auth/sign_in', { email, password: 'a long chosen secret' })).status).toBe(200);
  });

  it('invites someone who already has a login elsewhere instead of adding them, touching neither their password nor their name', async ({ stack, account, base, client: admin }) => {
    const elsewhere = await createTestAccount(stack);
    const created = await admin.post(`${base}/agents`, { name: 'Renamed?', email: elsewhere.agent.email, role: 'agent', password: 'attempted takeover' });
    expect(created.status).toBe(200);
    expect(created.body).not.toHaveProperty('password');
    expect(created.body).toMatchObject({ id: elsewhere.agent.id, confirmed: false, invitation: { status: 'pending' } });
    expect((await admin.get(`${base}/agents`)).body.map((a: { id: number }) => a.id)).not.toContain(elsewhere.agent.id);
    const [user] = await stack.db.select().from(users).where(eq(users.id, elsewhere.agent.id));
    expect(user.name).toBe('Alan Agent');
    expect((await apiClient(stack).post('/auth/sign_in', { email: elsewhere.agent.email, password: 'attempted takeover' })).status).toBe(401);
    expect((await apiClient(stack).post('/auth/sign_in', { email: elsewhere.agent.email, password: elsewhere.password })).status).toBe(200);
  });

  it('updates an agent’s name, role and availability; the name is this account’s only', async ({ stack, account, base, client: admin }) => {
    const elsewhere = await createTestAccount(stack);
    // Olga also works in another account (added there before this test).
    await stack.db.insert(accountMemberships).values({ accountId: elsewhere.account.id, userId: account.outsider.id, role: 'agent' });
    const updated = await admin.patch(`${base}/agents/${account.outsider.id}`, { name: 'Olga O.', role: 'administrator', availability_status: 'busy', auto_offline: false });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: account.outsider.id, name: 'Olga O.', role: 'administrator', availability_status: 'busy', auto_offline: false });
    expect((await admin.get(`${base}/agents`)).body.find((a: { id: number }) => a.id === account.outsider.id).name).toBe('Olga O.');
    // Her own name, her profile and the other account are untouched.
    const [user] = await stack.db.select().from(users).where(eq(users.id, account.outsider.id));
    expect(user.name).toBe('Olga Outsider');
    expect((await apiClient(stack, account.outsider.token).get('/api/v1/profile')).body.name).toBe('Olga Outsider');
    const otherList = await apiClient(stack, elsewhere.admin.token).get(`/api/v1/accounts/${elsewhere.account.id}/agents`);
    expect(otherList.body.find((a: { id: number }) => a.id === account.outsider.id).name).toBe('Olga Outsider');
    const back = await admin.patch(`${base}/agents/${account.outsider.id}`, { role: 'agent' });
    expect(back.body.role).toBe('agent');
  });

  it('demoting an administrator unassigns their conversations in inboxes they are not a member of, saying why', async ({ stack }) => {
    const fresh = await createTestAccount(stack);
    const freshAdmin = apiClient(stack, fresh.admin.token);
    const freshBase = `/api/v1/accounts/${fresh.account.id}`;
    // Olga is an administrator and a member of the website inbox only.
    await freshAdmin.patch(`${freshBase}/agents/${fresh.outsider.id}`, { role: 'administrator' });
    await freshAdmin.post(`${freshBase}/inbox_members`, { inbox_id: fresh.inbox.id, user_ids: [fresh.outsider.id] });
    const contact = await freshAdmin.post(`${freshBase}/contacts`, { name: 'Customer' });
    const open = (inboxId: number) =>
      freshAdmin.post(`${freshBase}/conversations`, { inbox_id: inboxId, contact_id: contact.body.payload.contact.id, assignee_id: fresh.outsider.id });
    const outside = (await open(fresh.apiInbox.id)).body;
    const inside = (await open(fresh.inbox.id)).body;
    expect([outside.meta.assignee.id, inside.meta.assignee.id]).toEqual([fresh.outsider.id, fresh.outsider.id]);

    expect((await freshAdmin.patch(`${freshBase}/agents/${fresh.outsider.id}`, { role: 'agent' })).status).toBe(200);

    expect((await freshAdmin.get(`${freshBase}/conversations/${outside.id}`)).body.meta.assignee).toBeNull();
    expect((await freshAdmin.get(`${freshBase}/conversations/${inside.id}`)).body.meta.assignee.id).toBe(fresh.outsider.id);
    const messages = (await freshAdmin.get(`${freshBase}/conversations/${outside.id}/messages`)).body.payload as Array<{ content: string; message_type: number }>;
    expect(messages.map((m) => m.content)).toContainEqual(expect.stringMatching(/unassigned.*Olga Outsider.*made an agent by Ada Admin/));
    const olga = apiClient(stack, fresh.outsider.token);
    expect((await olga.get(`${freshBase}/conversations?assignee_type=me`)).body.data.payload.map((c: { id: number }) => c.id)).toEqual([inside.id]);
  });

  it('removes an agent: their membership, inbox memberships and assignments in this account go', async ({ stack }) => {
    const fresh = await createTestAccount(stack);
    const freshAdmin = apiClient(stack, fresh.admin.token);
    const freshBase = `/api/v1/accounts/${fresh.account.id}`;
    const contact = await freshAdmin.post(`${freshBase}/contacts`, { name: 'Customer' });
    const conversation = await freshAdmin.post(`${freshBase}/conversations`, {
      inbox_id: fresh.apiInbox.id,
      contact_id: contact.body.payload.contact.id,
      assignee_id: fresh.agent.id,
    });
    expect(conversation.body.meta.assignee.id).toBe(fresh.agent.id);

    expect((await freshAdmin.delete(`${freshBase}/agents/${fresh.agent.id}`)).status).toBe(200);
    expect((await freshAdmin.get(`${freshBase}/agents`)).body.map((a: { id: number }) => a.id)).not.toContain(fresh.agent.id);
    expect((await freshAdmin.get(`${freshBase}/inbox_members/${fresh.apiInbox.id}`)).body.payload).toEqual([]);
    expect((await freshAdmin.get(`${freshBase}/conversations/${conversation.body.id}`)).body.meta.assignee).toBeNull();
    expect((await apiClient(stack, fresh.agent.token).get(`${freshBase}/inboxes`)).status).toBe(404);
    // The login itself stays (it may belong to other accounts).
    expect(await stack.db.select().from(users).where(eq(users.id, fresh.agent.id))).toHaveLength(1);
    expect(await stack.db.select().from(accountMemberships).where(eq(accountMemberships.userId, fresh.agent.id))).toEqual([]);
  });
});

// Its own account, so profile changes cannot touch the people the tests above list.
describe('the signed-in user’s own profile', () => {
  it('updates name, display name and language', async ({ stack, otherAccount: account }) => {
    const me = apiClient(stack, account.agent.token);
    const updated = await me.put('/api/v1/profile', { name: 'Alan Turing', display_name: 'Alan', ui_locale: 'pt_BR' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: account.agent.id, name: 'Alan Turing', display_name: 'Alan', ui_locale: 'pt_BR' });
    expect((await me.get('/api/v1/profile')).body).toMatchObject({ name: 'Alan Turing', ui_locale: 'pt_BR' });
    const wrapped = await me.put('/api/v1/profile', { profile: { ui_locale: 'en' } });
    expect(wrapped.body).toMatchObject({ name: 'Alan Turing', ui_locale: 'en' });
  });

  it('changes the password given the current one, ending other sessions', async ({ stack, otherAccount: account }) => {
    const anonymous = apiClient(stack);
    const signIn = await anonymous.post('/auth/sign_in', { email: account.outsider.email, password: account.password });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const me = apiClient(stack, account.outsider.token);
    const changed = await me.put('/api/v1/profile', { password: 'brand new passphrase', current_password: account.password });
    expect(changed.status).toBe(200);
    expect((await anonymous.post('/auth/sign_in', { email: account.outsider.email, password: account.password })).status).toBe(401);
    expect((await anonymous.post('/auth/sign_in', { email: account.outsider.email, password: 'brand new passphrase' })).status).toBe(200);
    const oldSession = await stack.app.request('/api/v1/profile', { headers: { cookie } });
    expect(oldSession.status).toBe(401);
  });

  it('sets the agent’s own availability in an account', async ({ stack, otherAccount: account }) => {
    const me = apiClient(stack, account.agent.token);
    const set = await me.post('/api/v1/profile/availability', { account_id: account.account.id, availability: 'busy' });
    expect(set.status).toBe(200);
    expect(set.body.accounts.find((a: { id: number }) => a.id === account.account.id).availability_status).toBe('busy');
    const agents = await me.get(`/api/v1/accounts/${account.account.id}/agents`);
    expect(agents.body.find((a: { id: number }) => a.id === account.agent.id).availability_status).toBe('busy');
    // Chatwoot's clients wrap the fields in `profile`.
    const wrapped = await me.post('/api/v1/profile/availability', { profile: { account_id: account.account.id, availability: 'online' } });
    expect(wrapped.body.accounts.find((a: { id: number }) => a.id === account.account.id).availability_status).toBe('online');
    const missing = await me.post('/api/v1/profile/availability', { availability: 'online' });
    expect(missing.status).toBe(422);
    expect(missing.body.error.field).toBe('account_id');
  });
});
