import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../create-api.js';
import { sessions } from '../../../db/schema/index.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

/**
 * Sessions end after SESSION_IDLE_TIMEOUT without use. Time passing is played by moving a
 * session's last use back in the database, which is exactly what the server compares against.
 */
describe('session idle timeout', () => {
  let stack: TestStack;
  let account: TestAccount;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
  });
  afterAll(() => stack.close());

  const signInCookie = async (address: string, app = stack.app) => {
    const response = await app.request('/auth/sign_in', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address, 'x-requested-with': 'parley-console' },
      body: JSON.stringify({ email: account.agent.email, password: account.password }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!.split(';')[0];
    const [session] = await stack.db.select().from(sessions).where(eq(sessions.userId, account.agent.id)).orderBy(sql`${sessions.id} desc`).limit(1);
    return { cookie, sessionId: session.id };
  };
  const idleFor = (sessionId: number, interval: string) =>
    stack.db.update(sessions).set({ lastSeenAt: sql`now() - ${interval}::interval` }).where(eq(sessions.id, sessionId));
  const lastSeenAgeSeconds = async (sessionId: number) =>
    Number((await stack.db.select({ age: sql<number>`extract(epoch from now() - ${sessions.lastSeenAt})` }).from(sessions).where(eq(sessions.id, sessionId)))[0].age);
  const profileStatus = async (cookie: string, app = stack.app) => (await app.request('/api/v1/profile', { headers: { cookie } })).status;

  it('ends a session unused for longer than the default week, though it has not expired', async () => {
    const { cookie, sessionId } = await signInCookie('10.9.0.1');
    await idleFor(sessionId, '8 days');
    expect(await profileStatus(cookie)).toBe(401);
  });

  it('slides with use, writing the last use at most once a minute', async () => {
    const { cookie, sessionId } = await signInCookie('10.9.0.2');
    await idleFor(sessionId, '6 days');
    expect(await profileStatus(cookie)).toBe(200);
    expect(await lastSeenAgeSeconds(sessionId)).toBeLessThan(60);

    await idleFor(sessionId, '20 seconds');
    expect(await profileStatus(cookie)).toBe(200);
    expect(await lastSeenAgeSeconds(sessionId)).toBeGreaterThanOrEqual(20);
  });

  it('applies to session tokens API clients got from sign-in', async () => {
    const signIn = await apiClient(stack, undefined, { 'x-forwarded-for': '10.9.0.3' }).post('/auth/sign_in', { email: account.admin.email, password: account.password });
    const token = signIn.body.data.access_token as string;
    const client = apiClient(stack, token);
    expect((await client.get('/api/v1/profile')).status).toBe(200);
    await stack.db.update(sessions).set({ lastSeenAt: sql`now() - '8 days'::interval` }).where(eq(sessions.userId, account.admin.id));
    expect((await client.get('/api/v1/profile')).status).toBe(401);
  });

  it('follows the configured SESSION_IDLE_TIMEOUT', async () => {
    const app = createApi({ ...stack.deps, config: { ...stack.deps.config, sessionIdleTimeoutMs: 60 * 60 * 1000 } });
    const { cookie, sessionId } = await signInCookie('10.9.0.4', app);
    await idleFor(sessionId, '30 minutes');
    expect(await profileStatus(cookie, app)).toBe(200);
    await idleFor(sessionId, '2 hours');
    expect(await profileStatus(cookie, app)).toBe(401);
  });
});
