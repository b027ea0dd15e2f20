import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAccessTokens } from '../../../db/schema/index.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

const inDays = (days: number) => Math.floor(Date.now() / 1000) + days * 86_400;

describe('API access tokens an integrator makes for themselves', () => {
  let stack: TestStack;
  let account: TestAccount;
  /** The console: signed in by cookie, as a person at a browser. */
  const consoleSession = async (email: string, password: string) => {
    const signIn = await apiClient(stack).post('/auth/sign_in', { email, password });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    return apiClient(stack, undefined, { cookie, 'x-requested-with': 'XMLHttpRequest' });
  };

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
  });
  afterAll(() => stack.close());

  it('a new token works at once, is listed without its secret, is stored only hashed, and stops working when revoked', async () => {
    const me = await consoleSession(account.agent.email, account.password);
    const created = await me.post('/api/v1/profile/access_tokens', { name: 'CRM sync' });
    expect(created.status).toBe(200);
    const secret: string = created.body.access_token;
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(created.body).toMatchObject({ expires_at: null, expired: false });

    const withNewToken = apiClient(stack, secret);
    expect((await withNewToken.get('/api/v1/profile')).body.email).toBe(account.agent.email);

    const listed = await me.get('/api/v1/profile/access_tokens');
    expect(listed.body.payload).toContainEqual(expect.objectContaining({ id: created.body.id, name: 'CRM sync', token_prefix: secret.slice(0, 6) }));
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const [stored] = await stack.db.select().from(apiAccessTokens).where(eq(apiAccessTokens.id, created.body.id));
    expect(stored.tokenHash).not.toContain(secret);

    expect((await me.delete(`/api/v1/profile/access_tokens/${created.body.id}`)).status).toBe(200);
    expect((await withNewToken.get('/api/v1/profile')).status).toBe(401);
  });

  it('a token with an expiry works until then and answers 401 after it, saying so', async () => {
    const me = await consoleSession(account.agent.email, account.password);
    const expiresAt = inDays(30);
    const created = await me.post('/api/v1/profile/access_tokens', { name: 'Month-long import', expires_at: expiresAt });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ expires_at: expiresAt, expired: false });
    const withToken = apiClient(stack, created.body.access_token);
    expect((await withToken.get('/api/v1/profile')).status).toBe(200);

    // Thirty days pass.
    await stack.db.update(apiAccessTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(apiAccessTokens.id, created.body.id));
    const refused = await withToken.get('/api/v1/profile');
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/expired/);
    const listed = await me.get('/api/v1/profile/access_tokens');
    expect(listed.body.payload.find((t: { id: number }) => t.id === created.body.id)).toMatchObject({ expired: true });
  });

  it('refuses an expiry in the past, naming the field, and makes no token', async () => {
    const me = await consoleSession(account.agent.email, account.password);
    const before = (await me.get('/api/v1/profile/access_tokens')).body.payload.length;
    const response = await me.post('/api/v1/profile/access_tokens', { name: 'Too late', expires_at: inDays(-1) });
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe('expires_at');
    const wrongType = await me.post('/api/v1/profile/access_tokens', { name: 'Typo', expires_at: 'tomorrow' });
    expect(wrongType.body.error.field).toBe('expires_at');
    expect((await me.get('/api/v1/profile/access_tokens')).body.payload.length).toBe(before);
  });

  it('a token cannot mint another token without the password', async () => {
    const withToken = apiClient(stack, account.outsider.token);
    const before = (await withToken.get('/api/v1/profile/access_tokens')).body.payload.length;
    const bare = await withToken.post('/api/v1/profile/access_tokens', { name: 'Copy of a leaked token' });
    expect(bare.status).toBe(422);
    expect(bare.body.error.field).toBe('current_password');
    expect(bare.body).not.toHaveProperty('access_token');
    const wrong = await withToken.post('/api/v1/profile/access_tokens', { name: 'Guess', current_password: 'not it' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.field).toBe('current_password');
    expect((await withToken.get('/api/v1/profile/access_tokens')).body.payload.length).toBe(before);

    const proven = await withToken.post('/api/v1/profile/access_tokens', { name: 'Rotation script', current_password: account.password });
    expect(proven.status).toBe(200);
    expect((await apiClient(stack, proven.body.access_token).get('/api/v1/profile')).status).toBe(200);
  });

  it('stops guessing the password through a token after a few tries', async () => {
    const fresh = await createTestAccount(stack);
    const withToken = apiClient(stack, fresh.agent.token);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      statuses.push((await withToken.post('/api/v1/profile/access_tokens', { name: 'Guess', current_password: `guess ${attempt}` })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([422, 422, 422, 422, 422]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // Even the right password waits out the window: the limit is on the guesser, not on wrong answers.
    expect((await withToken.post('/api/v1/profile/access_tokens', { name: 'Right', current_password: fresh.password })).status).toBe(429);
  });

  it("nobody revokes someone else's token", async () => {
    const created = await (await consoleSession(account.agent.email, account.password)).post('/api/v1/profile/access_tokens', { name: 'mine' });
    const response = await apiClient(stack, account.admin.token).delete(`/api/v1/profile/access_tokens/${created.body.id}`);
    expect(response.status).toBe(404);
    expect((await apiClient(stack, created.body.access_token).get('/api/v1/profile')).status).toBe(200);
  });

  it('a token needs a name', async () => {
    const response = await (await consoleSession(account.agent.email, account.password)).post('/api/v1/profile/access_tokens', { name: '  ' });
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe('name');
  });
});

describe('changing the password', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(() => stack.close());

  it('with revoke_access_tokens, every API token of the user stops working in the same change', async () => {
    const account = await createTestAccount(stack);
    const me = apiClient(stack, account.agent.token);
    const other = await me.post('/api/v1/profile/access_tokens', { name: 'Zapier', current_password: account.password });
    const colleague = apiClient(stack, account.admin.token);
    const changed = await me.put('/api/v1/profile', { password: 'a fresh long passphrase', current_password: account.password, revoke_access_tokens: true });
    expect(changed.status).toBe(200);
    expect((await apiClient(stack, other.body.access_token).get('/api/v1/profile')).status).toBe(401);
    expect((await me.get('/api/v1/profile')).status).toBe(401);
    // Only this user's tokens.
    expect((await colleague.get('/api/v1/profile')).status).toBe(200);
  });

  it('without it, tokens keep working (the integrations are not cut off unasked)', async () => {
    const account = await createTestAccount(stack);
    const me = apiClient(stack, account.agent.token);
    expect((await me.put('/api/v1/profile', { password: 'a fresh long passphrase', current_password: account.password })).status).toBe(200);
    expect((await me.get('/api/v1/profile')).status).toBe(200);
  });

  it('a wrong current password revokes nothing', async () => {
    const account = await createTestAccount(stack);
    const me = apiClient(stack, account.agent.token);
    const refused = await me.put('/api/v1/profile', { password: 'a fresh long passphrase', current_password: 'wrong', revoke_access_tokens: true });
    expect(refused.status).toBe(422);
    expect(refused.body.error.field).toBe('current_password');
    expect((await me.get('/api/v1/profile')).status).toBe(200);
    const alone = await me.put('/api/v1/profile', { revoke_access_tokens: true });
    expect(alone.status).toBe(422);
    expect(alone.body.error.field).toBe('revoke_access_tokens');
    expect((await me.get('/api/v1/profile')).status).toBe(200);
  });
});
