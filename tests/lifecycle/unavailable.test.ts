import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../api/create-api.js';
import { temporalCallDeadlineMs } from '../../core/services/conversations/lifecycle-client.js';
import { connectDatabase } from '../../db/client.js';
import { insertContact } from '../../db/queries/contacts.js';
import { findConversationByDisplayId } from '../../db/queries/conversations.js';
import { freePort } from '../../scripts/lib/temporal-cli.js';
import { lifecycleActivityMessages, startLifecycleWorker, waitForStoredStatus } from '../support/lifecycle.js';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../support/stack.js';

/** When Temporal or Postgres cannot answer, requests end with a 503 and Retry-After: never a 500, never a hang. */
describe('requests while Temporal or Postgres is unavailable', () => {
  let stack: TestStack;
  let account: TestAccount;
  let worker: Awaited<ReturnType<typeof startLifecycleWorker>>;
  const base = () => `/api/v1/accounts/${account.account.id}`;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    worker = await startLifecycleWorker(stack);
  });
  afterAll(async () => {
    await worker?.stop();
    await stack?.close();
  });

  const newConversation = async () => {
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Uma' });
    const { body } = await apiClient(stack, account.agent.token).post(`${base()}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id });
    return { displayId: body.id as number, id: (await findConversationByDisplayId(stack.db, { accountId: account.account.id, displayId: body.id }))!.id };
  };

  const expectUnavailable = (response: { status: number; body: any; headers: Headers }) => {
    expect(response.status).toBe(503);
    expect(response.body.error).toMatchObject({ code: 'UNAVAILABLE', requestId: expect.any(String) });
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  };

  it('a status change whose activity cannot finish answers 503 by the deadline, and is applied once it can', async () => {
    const { displayId, id } = await newConversation();
    const held = worker.holdNext(id, 'resolved');
    const startedAt = Date.now();
    const response = await apiClient(stack, account.agent.token).post(`${base()}/conversations/${displayId}/toggle_status`, { status: 'resolved' });
    expectUnavailable(response);
    expect(Date.now() - startedAt).toBeLessThan(temporalCallDeadlineMs + 5_000);
    held.release();
    expect(await waitForStoredStatus(stack, id, 'resolved')).toBe('resolved');
    expect(await lifecycleActivityMessages(stack, id)).toEqual(['Conversation was marked resolved by Alan Agent']);
  });

  it('a status change while the Temporal server is unreachable answers 503', async () => {
    const { displayId } = await newConversation();
    const deadConnection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    const app = createApi({ ...stack.deps, temporal: new Client({ connection: deadConnection }) });
    const response = await apiClient({ app }, account.agent.token).post(`${base()}/conversations/${displayId}/toggle_status`, { status: 'resolved' });
    expectUnavailable(response);
    await deadConnection.close();
  });

  it('any request while Postgres is unreachable answers 503', async () => {
    const deadDatabase = connectDatabase(`postgres://parley:parley@127.0.0.1:${await freePort()}/parley`);
    const app = createApi({ ...stack.deps, db: deadDatabase.db });
    try {
      expectUnavailable(await apiClient({ app }, account.agent.token).get(`${base()}/conversations`));
    } finally {
      await deadDatabase.close();
    }
  });
});
