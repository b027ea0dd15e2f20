import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAccessTokens } from '../../../db/schema/index.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

describe('API access tokens an integrator makes for themselves', () => {
  let stack: TestStack;
  let account: TestAccount;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
  });
  afterAll(() => stack.close());

  it('a new token works at once, is listed without its secret, is stored only hashed, and stops working when revoked', async () => {
    const me = apiClient(stack, account.agent.token);
    const created = await me.post('/api/v1/profile/access_tokens', { name: 'CRM sync' });
    expect(created.status).toBe(200);
    const secret: string = created.body.access_token;
    expect(secret.length).toBeGreaterThanOrEqual(40);

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

  it("nobody revokes someone else's token", async () => {
    const created = await apiClient(stack, account.agent.token).post('/api/v1/profile/access_tokens', { name: 'mine' });
    const response = await apiClient(stack, account.admin.token).delete(`/api/v1/profile/access_tokens/${created.body.id}`);
    expect(response.status).toBe(404);
    expect((await apiClient(stack, created.body.access_token).get('/api/v1/profile')).status).toBe(200);
  });

  it('a token needs a name', async () => {
    const response = await apiClient(stack, account.agent.token).post('/api/v1/profile/access_tokens', { name: '  ' });
    expect(response.status).toBe(422);
    expect(response.body.error.field).toBe('name');
  });
});
