import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false }).extend('labelId', { scope: 'file' }, async ({ stack, account, base }) =>
  (await apiClient(stack, account.admin.token).post(`${base}/labels`, { title: 'internal' })).body.id as number,
);

describe('labels: who may do what', () => {
  it('answers 401 without a token', async ({ stack, base }) => {
    expect((await apiClient(stack).get(`${base}/labels`)).status).toBe(401);
  });

  it('lets agents read labels but not create, change or delete them', async ({ stack, account, base, labelId }) => {
    const agent = apiClient(stack, account.agent.token);
    expect((await agent.post(`${base}/labels`, { title: 'mine' })).status).toBe(403);
    expect((await agent.patch(`${base}/labels/${labelId}`, { title: 'renamed' })).status).toBe(403);
    expect((await agent.delete(`${base}/labels/${labelId}`)).status).toBe(403);
    expect((await agent.get(`${base}/labels`)).body.payload.map((l: { title: string }) => l.title)).toEqual(['internal']);
  });

  it('answers 404 to a member of another account, and keeps labels per account', async ({ stack, base, otherAccount: other, labelId }) => {
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
