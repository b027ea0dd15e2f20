import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimitsWith } from '../../core/auth/rate-limit.js';
import { freePort } from '../../scripts/lib/temporal-cli.js';
import { apiClient, apiProcess, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../support/stack.js';
import { holdRealWorkerLock, realWorkerLockTimeoutMs } from '../support/real-worker-lock.js';
import { waitUntil } from '../support/wait.js';
import { workerProcesses } from '../support/worker-process.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';
import { testWebhookSettings } from '../support/webhooks.js';

const settings = testWebhookSettings();

/**
 * The real worker process (activities/worker.ts, with its sweeper) delivering a burst of webhooks,
 * killed with SIGKILL while deliveries are pending and started again. The receiver de-duplicates
 * by webhook-id, as Standard Webhooks asks receivers to: it must see every event exactly once.
 */
describe('webhook deliveries survive the worker and Temporal going away', () => {
  // One file with real worker processes at a time: their sweepers serve the whole database.
  beforeAll(() => holdRealWorkerLock(), realWorkerLockTimeoutMs);
  let stack: TestStack;
  let account: TestAccount;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false, webhooks: settings });
    account = await createTestAccount(stack);
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    workers.killAll();
    await receiver?.close();
    await stack?.close();
  });

  const workers = workerProcesses(
    () => stack,
    () => ({
      WEBHOOK_SECRETS_KEY: settings.secretsKey,
      WEBHOOK_ALLOWED_HOSTS: settings.allowedHosts.join(','),
      WEBHOOK_RETRY_DELAYS: settings.retryDelaysMs.map((delay) => `${delay}ms`).join(','),
    }),
  );

  const namesReceived = () => new Set(receiver.unique().map((request) => request.payload.name as string));

  it('a burst of 1,000 events arrives once each across a SIGKILL of the worker', { timeout: 300_000 }, async () => {
    // A thousand requests in a minute from one token: above the production per-token limit on purpose.
    const client = apiClient(apiProcess(stack, { config: { rateLimits: rateLimitsWith({ apiPerToken: { limit: 100_000, windowMs: 60_000 } }) } }), account.admin.token);
    const base = `/api/v1/accounts/${account.account.id}`;
    const created = await client.post(`${base}/webhooks`, { url: receiver.url, subscriptions: ['contact_created'] });
    receiver.trust(created.body.payload.webhook.secret);
    const worker = await workers.start();

    const names = Array.from({ length: 1000 }, (_, index) => `Burst ${index}`);
    for (let start = 0; start < names.length; start += 50) {
      const responses = await Promise.all(names.slice(start, start + 50).map((name) => client.post(`${base}/contacts`, { name })));
      expect(responses.every((response) => response.status === 200)).toBe(true);
    }
    await waitUntil(async () => namesReceived().size >= 100, 'the first hundred deliveries', 120_000);
    await workers.kill(worker);
    expect(namesReceived().size).toBeLessThan(1000);

    await workers.start();
    await waitUntil(async () => namesReceived().size === 1000, 'every event at the receiver', 240_000);
    expect([...namesReceived()].sort()).toEqual([...names].sort());
    expect(receiver.received.every((request) => request.verified)).toBe(true);
    await waitUntil(
      async () => (await stack.sql`select count(*)::int as n from webhook_deliveries where webhook_id = ${created.body.payload.webhook.id} and status <> 'delivered'`)[0].n === 0,
      'every delivery marked delivered',
    );
  });

  it('events captured while Temporal is unreachable are delivered by the worker’s sweeper, once', { timeout: 120_000 }, async () => {
    const deadConnection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    const cutOff = apiProcess(stack, {
      temporal: new Client({ connection: deadConnection }),
      config: { rateLimits: rateLimitsWith({ apiPerToken: { limit: 100_000, windowMs: 60_000 } }) },
    });
    const client = apiClient(cutOff, account.admin.token);
    const base = `/api/v1/accounts/${account.account.id}`;
    for (let index = 0; index < 20; index += 1) expect((await client.post(`${base}/contacts`, { name: `Outage ${index}` })).status).toBe(200);
    await waitUntil(async () => [...namesReceived()].filter((name) => name.startsWith('Outage ')).length === 20, 'the outage’s events, from the sweeper', 90_000);
    const outage = receiver.received.filter((request) => String(request.payload.name).startsWith('Outage '));
    expect(new Set(outage.map((request) => request.webhookId)).size).toBe(20);
    // The dead connection stays open: closing it under the drains still retrying into it makes the SDK throw from a timer.
  });
});
