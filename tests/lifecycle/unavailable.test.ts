import { Client, Connection } from '@temporalio/client';
import { describe, expect } from 'vitest';
import { temporalCallDeadlineMs } from '../../core/services/conversations/lifecycle-client.js';
import { connectDatabase } from '../../db/client.js';
import { freePort } from '../../scripts/lib/temporal-cli.js';
import { lifecycleActivityMessages, lifecycleTest, openConversation, waitForStoredStatus } from '../support/lifecycle.js';
import { apiClient, apiProcess } from '../support/stack.js';

const it = lifecycleTest().extend('agent', { scope: 'file' }, async ({ stack, account }) => apiClient(stack, account.agent.token));

const expectUnavailable = (response: { status: number; body: any; headers: Headers }) => {
  expect(response.status).toBe(503);
  expect(response.body.error).toMatchObject({ code: 'UNAVAILABLE', requestId: expect.any(String) });
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
};

/** When Temporal or Postgres cannot answer, requests end with a 503 and Retry-After: never a 500, never a hang. */
describe('requests while Temporal or Postgres is unavailable', () => {
  it('a status change whose activity cannot finish answers 503 by the deadline, and is applied once it can', async ({ stack, account, base, agent, lifecycle }) => {
    const { displayId, id } = await openConversation(stack, account, { token: account.agent.token });
    const held = lifecycle.holdNext(id, 'resolved');
    const startedAt = Date.now();
    const response = await agent.post(`${base}/conversations/${displayId}/toggle_status`, { status: 'resolved' });
    expectUnavailable(response);
    expect(Date.now() - startedAt).toBeLessThan(temporalCallDeadlineMs + 5_000);
    held.release();
    expect(await waitForStoredStatus(stack, id, 'resolved')).toBe('resolved');
    expect(await lifecycleActivityMessages(stack, id)).toEqual(['Conversation was marked resolved by Alan Agent']);
  });

  it('a status change while the Temporal server is unreachable answers 503', async ({ stack, account, base }) => {
    const { displayId } = await openConversation(stack, account, { token: account.agent.token });
    const deadConnection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    const app = apiProcess(stack, { temporal: new Client({ connection: deadConnection }) });
    const response = await apiClient(app, account.agent.token).post(`${base}/conversations/${displayId}/toggle_status`, { status: 'resolved' });
    expectUnavailable(response);
    await deadConnection.close();
  });

  it('any request while Postgres is unreachable answers 503', async ({ stack, account, base }) => {
    const deadDatabase = connectDatabase(`postgres://parley:parley@127.0.0.1:${await freePort()}/parley`);
    const app = apiProcess(stack, { db: deadDatabase.db });
    try {
      expectUnavailable(await apiClient(app, account.agent.token).get(`${base}/conversations`));
    } finally {
      await deadDatabase.close();
    }
  });
});
