import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { rateLimitsWith, type RateLimits } from '../../../core/auth/rate-limit.js';
import { deleteExpiredRateLimitCounters } from '../../../db/queries/rate-limits.js';
import { rateLimitCounters } from '../../../db/schema/index.js';
import { eq, like } from 'drizzle-orm';
import { apiTest } from '../../../tests/support/api-test.js';
import { signInRequest } from '../../../tests/support/auth.js';
import { apiClient, apiProcess, type TestStack } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false });

const window = 15 * 60 * 1000;

/** Another API process on the same Postgres with these limits: the counters are all they share. */
const limitedApiProcess = (stack: TestStack, limits: Partial<RateLimits>) => apiProcess(stack, { config: { rateLimits: rateLimitsWith(limits) } });

function expectTooManyRequests(response: { status: number; body: any; headers: Headers }) {
  expect(response.status).toBe(429);
  expect(response.body.error).toMatchObject({ code: 'RATE_LIMITED', requestId: expect.any(String) });
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
}

describe('rate limits are shared by every API process and answer 429 with Retry-After', () => {
  it('counts public requests from one address across two API processes', async ({ stack, account }) => {
    const limits = { publicPerAddress: { limit: 4, windowMs: 60_000 } };
    const first = apiClient(limitedApiProcess(stack, limits), undefined, { 'x-forwarded-for': '198.18.0.1' });
    const second = apiClient(limitedApiProcess(stack, limits), undefined, { 'x-forwarded-for': '198.18.0.1' });
    const path = `/public/api/v1/inboxes/${account.inbox.identifier}`;
    for (const client of [first, second, first, second]) {
      const response = await client.get(path);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
    }
    expectTooManyRequests(await first.get(path));
    expectTooManyRequests(await second.get(path));
    const neighbour = apiClient(limitedApiProcess(stack, limits), undefined, { 'x-forwarded-for': '198.18.0.2' });
    expect((await neighbour.get(path)).status).toBe(200);
  });

  it('believes only the right-most untrusted X-Forwarded-For hop, so forging the left-most does not escape', async ({ stack, account }) => {
    const limits = { publicPerAddress: { limit: 2, windowMs: 60_000 } };
    const app = limitedApiProcess(stack, limits);
    const path = `/public/api/v1/inboxes/${account.inbox.identifier}`;
    const forging = (n: number) => apiClient(app, undefined, { 'x-forwarded-for': `198.51.100.${n}, 198.18.1.1` });
    expect((await forging(1).get(path)).status).toBe(200);
    expect((await forging(2).get(path)).status).toBe(200);
    expectTooManyRequests(await forging(3).get(path));
  });

  it('limits sign-in per address and e-mail, per e-mail from any address, and per address for any e-mail', async ({ stack, account }) => {
    const limits = {
      signInPerAddressAndEmail: { limit: 2, windowMs: window },
      signInPerEmail: { limit: 4, windowMs: window },
      signInPerAddress: { limit: 6, windowMs: window },
    };
    const app = limitedApiProcess(stack, limits);
    const signInFrom = (address: string, email: string, password: string) => signInRequest(app, { email }, { 'x-forwarded-for': address }, password);
    const email = account.outsider.email;

    // Per address and e-mail: the third wrong guess is refused, even with the right password.
    expect((await signInFrom('198.18.2.1', email, 'guess one')).status).toBe(401);
    expect((await signInFrom('198.18.2.1', email, 'guess two')).status).toBe(401);
    expectTooManyRequests(await signInFrom('198.18.2.1', email, account.password));

    // Per e-mail: guesses spread over other addresses run out too (4 counted: 3 above + 1 here).
    expect((await signInFrom('198.18.2.2', email, 'guess three')).status).toBe(401);
    expectTooManyRequests(await signInFrom('198.18.2.3', email, account.password));
    // Another login is not affected by that e-mail's limit.
    expect((await signInFrom('198.18.2.3', account.agent.email, account.password)).status).toBe(200);

    // Per address: one address trying many e-mails runs out.
    for (let i = 0; i < 6; i++) {
      expect((await signInFrom('198.18.2.9', `nobody-${i}-${randomUUID()}@example.test`, 'x')).status).toBe(401);
    }
    expectTooManyRequests(await signInFrom('198.18.2.9', account.admin.email, account.password));
  });

  it('limits the authenticated API per access token; another token of the same user is not affected', async ({ stack, account }) => {
    const app = limitedApiProcess(stack, { apiPerToken: { limit: 3, windowMs: 60_000 } });
    const base = `/api/v1/accounts/${account.account.id}`;
    const busy = apiClient(app, account.agent.token);
    for (let i = 0; i < 3; i++) expect((await busy.get(`${base}/labels`)).status).toBe(200);
    expectTooManyRequests(await busy.get(`${base}/labels`));
    const created = await apiClient(stack, account.agent.token).post('/api/v1/profile/access_tokens', { name: 'second', current_password: account.password });
    // The stack's own app has the default limits; this token is fresh on the limited app.
    expect(created.status).toBe(200);
    expect((await apiClient(app, created.body.access_token).get(`${base}/labels`)).status).toBe(200);
  });

  it('forgets ended windows, and keeps the current ones', async ({ stack }) => {
    const prefix = `test-expiry-${randomUUID()}`;
    await stack.db.insert(rateLimitCounters).values([
      { key: `${prefix}:ended`, windowStart: new Date(Date.now() - 120_000), count: 9, expiresAt: new Date(Date.now() - 60_000) },
      { key: `${prefix}:current`, windowStart: new Date(), count: 1, expiresAt: new Date(Date.now() + 60_000) },
    ]);
    await deleteExpiredRateLimitCounters(stack.db);
    const left = await stack.db.select({ key: rateLimitCounters.key }).from(rateLimitCounters).where(like(rateLimitCounters.key, `${prefix}:%`));
    expect(left.map((row) => row.key)).toEqual([`${prefix}:current`]);
    await stack.db.delete(rateLimitCounters).where(eq(rateLimitCounters.key, `${prefix}:current`));
  });
});
