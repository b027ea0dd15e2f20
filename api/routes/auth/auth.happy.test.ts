import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { sessionCookieOf, signInRequest } from '../../../tests/support/auth.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false });

/** POST /auth/sign_in as Chatwoot clients use it, and as the console uses it. */
describe('signing in', () => {
  it("gives an API client the user's data with access_token and devise_token_auth headers; the token works until sign-out", async ({ stack, account, base }) => {
    const signIn = await signInRequest(stack, account.agent, { 'x-forwarded-for': '10.8.0.1' });
    expect(signIn.status).toBe(200);
    expect(signIn.body.data).toMatchObject({
      id: account.agent.id,
      email: account.agent.email,
      name: 'Alan Agent',
      uid: account.agent.email,
      provider: 'email',
      account_id: account.account.id,
      accounts: [{ id: account.account.id, role: 'agent' }],
      access_token: expect.stringMatching(/.{32,}/),
    });
    const token = signIn.body.data.access_token as string;
    expect(signIn.headers.get('access-token')).toBe(token);
    expect(signIn.headers.get('token-type')).toBe('Bearer');
    expect(signIn.headers.get('uid')).toBe(account.agent.email);
    expect(Number(signIn.headers.get('expiry'))).toBeGreaterThan(Date.now() / 1000);
    expect(signIn.headers.get('client')).toMatch(/^\d+$/);

    const client = apiClient(stack, token);
    expect((await client.get('/api/v1/profile')).body).toMatchObject({ id: account.agent.id });
    expect((await client.get(`${base}/conversations`)).status).toBe(200);
    // A header-borne token is no CSRF risk, so writes need no X-Requested-With.
    expect((await client.post('/api/v1/profile/availability', { account_id: account.account.id, availability: 'online' })).status).toBe(200);
    // devise_token_auth clients send it as access-token.
    expect((await apiClient(stack, undefined, { 'access-token': token }).get('/api/v1/profile')).status).toBe(200);

    expect((await client.delete('/auth/sign_out')).status).toBe(200);
    expect((await client.get('/api/v1/profile')).status).toBe(401);
  });

  it('gives the console (X-Requested-With) only the httpOnly cookie: the token never reaches page scripts', async ({ stack, account }) => {
    const signIn = await signInRequest(stack, account.admin, { 'x-forwarded-for': '10.8.0.2', 'x-requested-with': 'parley-console' });
    expect(signIn.status).toBe(200);
    expect(signIn.body.data).toMatchObject({ id: account.admin.id, email: account.admin.email, accounts: [{ id: account.account.id, role: 'administrator' }] });
    expect(signIn.body.data).not.toHaveProperty('access_token');
    expect(signIn.headers.get('access-token')).toBeNull();
    const setCookie = signIn.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = sessionCookieOf(signIn);
    expect(JSON.stringify(signIn.body)).not.toContain(cookie.split('=')[1]);
    expect((await stack.app.request('/api/v1/profile', { headers: { cookie } })).status).toBe(200);
  });
});
