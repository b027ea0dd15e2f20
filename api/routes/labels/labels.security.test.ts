import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

describe('labels: who may do what', () => {
  let stack: TestStack;
  let account: TestAccount;
  let other: TestAccount;
  let base: string;
  let labelId: number;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    other = await createTestAccount(stack);
    base = `/api/v1/accounts/${account.account.id}`;
    labelId = (await apiClient(stack, account.admin.token).post(`${base}/labels`, { title: 'internal' })).body.id;
  });
  afterAll(() => stack.close());

  it('answers 401 without a token', async () => {
    expect((await apiClient(stack).get(`${base}/labels`)).status).toBe(401);
  });

  it('lets agents read labels but not create, change or delete them', async () => {
    const agent = apiClient(stack, account.agent.token);
    expect((await agent.post(`${base}/labels`, { title: 'mine' })).status).toBe(403);
    expect((await agent.patch(`${base}/labels/${labelId}`, { title: 'renamed' })).status).toBe(403);
    expect((await agent.delete(`${base}/labels/${labelId}`)).status).toBe(403);
    expect((await agent.get(`${base}/labels`)).body.payload.map((l: { title: string }) => l.title)).toEqual(['internal']);
  });

  it('answers 404 to a member of another account, and keeps labels per account', async () => {
    const stranger = apiClient(stack, other.admin.token);
    expect((await stranger.get(`${base}/labels`)).status).toBe(404);
    expect((await stranger.delete(`${base}/labels/${labelId}`)).status).toBe(404);
    const ownBase = `/api/v1/accounts/${other.account.id}`;
    expect((await stranger.patch(`${ownBase}/labels/${labelId}`, { title: 'stolen' })).status).toBe(404);
    expect((await stranger.get(`${ownBase}/labels`)).body.payload).toEqual([]);
    // The same title may exist in both accounts.
    expect((await stranger.post(`${ownBase}/labels`, { title: 'internal' })).status).toBe(200);
  });
});
