/**
 * Two of every process: real API processes (api/server.ts) beside each other on one Postgres and
 * one Temporal. Whatever a user does through one process, the other sees — live events, rate
 * limits, sessions — because nothing they share lives in a process's memory.
 */
import { get } from 'node:http';
import { afterAll, describe, expect } from 'vitest';
import { connectDatabase } from '../../db/client.js';
import { insertContact } from '../../db/queries/contacts.js';
import { freePort } from '../../scripts/lib/temporal-cli.js';
import { apiTest } from '../support/api-test.js';
import { apiServerProcesses } from '../support/api-server-process.js';
import { workerProcesses } from '../support/worker-process.js';
import { sessionCookieOf, signInRequest } from '../support/auth.js';
import { apiClient, apiProcess, type TestStack } from '../support/stack.js';
import { readEventStream, startVisitor } from '../support/visitor.js';

const it = apiTest();
let currentStack: TestStack;
const processes = apiServerProcesses(() => currentStack);
const workerPorts = { health: 0, metrics: 0 };
const workers = workerProcesses(
  () => currentStack,
  () => ({ WORKER_HEALTH_PORT: String(workerPorts.health), WORKER_METRICS_ADDRESS: `127.0.0.1:${workerPorts.metrics}` }),
);
afterAll(() => {
  processes.killAll();
  workers.killAll();
});

const metricsToken = 'scrape-me-7f3a';
const perMinute = 40;

/** A GET over a connection of its own, so a process killed since the last request cannot be reused. */
function getOnFreshConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
    }).once('error', reject);
  });
}

describe('two API processes on one database', () => {
  const pair = async (stack: TestStack) => {
    currentStack = stack;
    const env = { API_REQUESTS_PER_MINUTE: String(perMinute), METRICS_TOKEN: metricsToken };
    const [first, second] = await Promise.all([processes.start(await freePort(), env), processes.start(await freePort(), env)]);
    return { first, second };
  };
  let started: Awaited<ReturnType<typeof pair>> | undefined;
  const both = async (stack: TestStack) => (started ??= await pair(stack));

  it("a visitor whose stream is held by one process receives the agent's reply posted through the other", { timeout: 60_000 }, async ({ stack, account, base }) => {
    const { first, second } = await both(stack);
    const visitor = await startVisitor(first, account, '10.14.0.1', { name: 'Sam Split' });
    const conversationId = await visitor.startConversation();
    const stream = readEventStream(await visitor.client.raw(`${visitor.contactPath}/events`));
    try {
      await stream.waitFor((event) => event.event === 'ready');
      const reply = await apiClient(second, account.agent.token).post(`${base}/conversations/${conversationId}/messages`, { content: 'Answered from the other process' });
      expect(reply.status).toBe(200);
      const received = await stream.waitFor((event) => event.event === 'message.created' && event.data.content === 'Answered from the other process');
      expect(received.data).toMatchObject({ conversation_id: conversationId, message_type: 1 });
    } finally {
      await stream.close();
    }
  });

  it('counts one token’s requests across both processes: the request after the limit is refused whichever process takes it', { timeout: 60_000 }, async ({ stack, account }) => {
    const { first, second } = await both(stack);
    const clients = [apiClient(first, account.outsider.token), apiClient(second, account.outsider.token)];
    const statuses: number[] = [];
    for (let index = 0; index < perMinute; index++) statuses.push((await clients[index % 2].get('/api/v1/profile')).status);
    // Each process saw half the limit: a count kept in either process alone would let more through.
    expect(statuses.every((status) => status === 200)).toBe(true);
    const refusedByFirst = await clients[0].get('/api/v1/profile');
    const refusedBySecond = await clients[1].get('/api/v1/profile');
    expect([refusedByFirst.status, refusedBySecond.status]).toEqual([429, 429]);
    expect(Number(refusedBySecond.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('keeps a console session signed in on one process valid on the other, and signed out on both at once', { timeout: 60_000 }, async ({ stack, account }) => {
    const { first, second } = await both(stack);
    const signIn = await signInRequest(first, account.admin, { 'x-forwarded-for': '10.14.0.2', 'x-requested-with': 'parley-console' });
    expect(signIn.status).toBe(200);
    const cookie = sessionCookieOf(signIn);
    const profileOn = async (process: typeof first) => (await process.app.request('/api/v1/profile', { headers: { cookie } })).status;
    expect(await profileOn(second)).toBe(200);
    const signOut = await second.app.request('/auth/sign_out', { method: 'DELETE', headers: { cookie, 'x-requested-with': 'parley-console' } });
    expect(signOut.status).toBe(200);
    expect([await profileOn(first), await profileOn(second)]).toEqual([401, 401]);
  });

  it('reports itself ready while Postgres and Temporal answer, and serves route metrics only to the scraper with the token', { timeout: 60_000 }, async ({ stack, account, base }) => {
    const { first } = await both(stack);
    const ready = await first.app.request('/api/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { database: { ok: true }, temporal: { ok: true } } });

    const admin = apiClient(first, account.admin.token);
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Metered Contact' });
    const conversation = await admin.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id });
    expect((await admin.get(`${base}/conversations/${conversation.body.id}`)).status).toBe(200);

    expect((await first.app.request('/metrics')).status).toBe(401);
    expect((await first.app.request('/metrics', { headers: { authorization: 'Bearer not-the-token' } })).status).toBe(401);
    const scraped = await first.app.request('/metrics', { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(scraped.status).toBe(200);
    const text = await scraped.text();
    expect(text).toMatch(/parley_http_request_duration_seconds_count\{method="GET",route="\/api\/ready",status="200"\} 1/);
    expect(text).toContain('route="/api/v1/accounts/:account_id/conversations/:conversation_id"');
    // Labels carry the route's pattern, never the ids a path holds.
    expect(text).not.toContain(`/accounts/${account.account.id}/`);
    expect(text).toContain('parley_live_streams_open');
  });

  it('answers 404 for metrics when no token is configured', async ({ stack }) => {
    const withoutToken = apiProcess(stack, { config: { metricsToken: undefined } });
    expect((await withoutToken.app.request('/metrics', { headers: { authorization: 'Bearer anything' } })).status).toBe(404);
  });

  it('reports itself not ready (503, naming the database) while Postgres does not answer', { timeout: 30_000 }, async ({ stack }) => {
    const deadDatabase = connectDatabase(`postgres://parley:parley@127.0.0.1:${await freePort()}/parley`, { max: 1 });
    try {
      const cutOff = apiProcess(stack, { db: deadDatabase.db });
      const response = await cutOff.app.request('/api/ready');
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      const body = await response.json();
      expect(body.ready).toBe(false);
      expect(body.checks.database.ok).toBe(false);
      expect(body.checks.temporal).toEqual({ ok: true });
    } finally {
      await deadDatabase.close();
    }
  });
});

describe('PARLEY_API_PROCESSES above 1', () => {
  it('lets the processes share one port, and the port keeps answering when one of them dies', { timeout: 60_000 }, async ({ stack }) => {
    currentStack = stack;
    const port = await freePort();
    const env = { PARLEY_API_PROCESSES: '2' };
    const first = await processes.start(port, env);
    const second = await processes.start(port, env);
    const url = `http://127.0.0.1:${port}/api/ready`;
    const before = await Promise.all(Array.from({ length: 10 }, () => getOnFreshConnection(url)));
    expect(before).toEqual(Array(10).fill(200));
    await processes.kill(first.child);
    const after = await Promise.all(Array.from({ length: 10 }, () => getOnFreshConnection(url)));
    expect(after).toEqual(Array(10).fill(200));
    expect(second.child.exitCode).toBeNull();
  });

  it('refuses a second process on a taken port when sharing is off (PARLEY_API_PROCESSES=1)', { timeout: 60_000 }, async ({ stack }) => {
    currentStack = stack;
    const port = await freePort();
    await processes.start(port, { PARLEY_API_PROCESSES: '1' });
    await expect(processes.start(port, { PARLEY_API_PROCESSES: '1' })).rejects.toThrow(/EADDRINUSE/);
  });
});

describe('a worker process', () => {
  it('answers its health and readiness probes while it polls, and serves the Temporal SDK metrics', { timeout: 120_000 }, async ({ stack }) => {
    currentStack = stack;
    workerPorts.health = await freePort();
    workerPorts.metrics = await freePort();
    const worker = await workers.start();
    const probe = (path: string) => fetch(`http://127.0.0.1:${workerPorts.health}${path}`);
    expect((await probe('/health')).status).toBe(200);
    const ready = await probe('/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { database: { ok: true }, worker: { ok: true } } });
    expect((await probe('/elsewhere')).status).toBe(404);
    const metrics = await (await fetch(`http://127.0.0.1:${workerPorts.metrics}/metrics`)).text();
    expect(metrics).toContain(`task_queue="${stack.taskQueue}"`);
    await workers.kill(worker);
    await expect(probe('/health')).rejects.toThrow();
  });
});
