import { eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { sessions } from '../../../db/schema/index.js';
import { apiTest } from '../../../tests/support/api-test.js';
import { sessionCookieOf, signInRequest } from '../../../tests/support/auth.js';
import { apiClient, apiProcess, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

type App = Pick<TestStack, 'app'>;

/** Helpers bound to the file's stack and account, so each test reads as what it plays out. */
const it = apiTest({ worker: false }).extend('sessionsOf', { scope: 'file' }, async ({ stack, account }) => sessionHelpers(stack, account));

function sessionHelpers(stack: TestStack, account: TestAccount) {
  return {
    async signInCookie(address: string, app: App = stack) {
      const response = await signInRequest(app, account.agent, { 'x-forwarded-for': address, 'x-requested-with': 'parley-console' });
      expect(response.status).toBe(200);
      const [session] = await stack.db.select().from(sessions).where(eq(sessions.userId, account.agent.id)).orderBy(sql`${sessions.id} desc`).limit(1);
      return { cookie: sessionCookieOf(response), sessionId: session.id };
    },
    idleFor: (sessionId: number, interval: string) => stack.db.update(sessions).set({ lastSeenAt: sql`now() - ${interval}::interval` }).where(eq(sessions.id, sessionId)),
    lastSeenAgeSeconds: async (sessionId: number) =>
      Number((await stack.db.select({ age: sql<number>`extract(epoch from now() - ${sessions.lastSeenAt})` }).from(sessions).where(eq(sessions.id, sessionId)))[0].age),
    profileStatus: async (cookie: string, app: App = stack) => (await app.app.request('/api/v1/profile', { headers: { cookie } })).status,
  };
}

/**
 * Sessions end after SESSION_IDLE_TIMEOUT without use. Time passing is played by moving a
 * session's last use back in the database, which is exactly what the server compares against.
 */
describe('session idle timeout', () => {
  it('ends a session unused for longer than the default week, though it has not expired', async ({ sessionsOf: { signInCookie, idleFor, profileStatus } }) => {
    const { cookie, sessionId } = await signInCookie('10.9.0.1');
    await idleFor(sessionId, '8 days');
    expect(await profileStatus(cookie)).toBe(401);
  });

  it('slides with use, writing the last use at most once a minute', async ({ sessionsOf: { signInCookie, idleFor, profileStatus, lastSeenAgeSeconds } }) => {
    const { cookie, sessionId } = await signInCookie('10.9.0.2');
    await idleFor(sessionId, '6 days');
    expect(await profileStatus(cookie)).toBe(200);
    expect(await lastSeenAgeSeconds(sessionId)).toBeLessThan(60);

    await idleFor(sessionId, '20 seconds');
    expect(await profileStatus(cookie)).toBe(200);
    expect(await lastSeenAgeSeconds(sessionId)).toBeGreaterThanOrEqual(20);
  });

  it('applies to session tokens API clients got from sign-in', async ({ stack, account }) => {
    const signIn = await signInRequest(stack, account.admin, { 'x-forwarded-for': '10.9.0.3' });
    const token = signIn.body.data.access_token as string;
    const client = apiClient(stack, token);
    expect((await client.get('/api/v1/profile')).status).toBe(200);
    await stack.db.update(sessions).set({ lastSeenAt: sql`now() - '8 days'::interval` }).where(eq(sessions.userId, account.admin.id));
    expect((await client.get('/api/v1/profile')).status).toBe(401);
  });

  it('follows the configured SESSION_IDLE_TIMEOUT', async ({ stack, sessionsOf: { signInCookie, idleFor, profileStatus } }) => {
    const app = apiProcess(stack, { config: { sessionIdleTimeoutMs: 60 * 60 * 1000 } });
    const { cookie, sessionId } = await signInCookie('10.9.0.4', app);
    await idleFor(sessionId, '30 minutes');
    expect(await profileStatus(cookie, app)).toBe(200);
    await idleFor(sessionId, '2 hours');
    expect(await profileStatus(cookie, app)).toBe(401);
  });
});
