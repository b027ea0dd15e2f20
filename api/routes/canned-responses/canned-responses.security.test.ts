import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false }).extend('responseId', { scope: 'file' }, async ({ stack, account, base }) =>
  (await apiClient(stack, account.agent.token).post(`${base}/canned_responses`, { short_code: 'secret', content: 'Internal wording' })).body.id as number,
);

describe('canned responses: who may do what', () => {
  it('answers 401 without a token', async ({ stack, base }) => {
    expect((await apiClient(stack).get(`${base}/canned_responses`)).status).toBe(401);
    expect((await apiClient(stack).post(`${base}/canned_responses`, { short_code: 'x', content: 'y' })).status).toBe(401);
  });

  it('answers 404 to a member of another account and keeps responses per account', async ({ stack, base, otherAccount: other, responseId }) => {
    const stranger = apiClient(stack, other.admin.token);
    expect((await stranger.get(`${base}/canned_responses`)).status).toBe(404);
    expect((await stranger.post(`${base}/canned_responses`, { short_code: 'mine', content: 'x' })).status).toBe(404);
    const ownBase = `/api/v1/accounts/${other.account.id}`;
    // Through their own account, the id of another account's response is not found.
    expect((await stranger.patch(`${ownBase}/canned_responses/${responseId}`, { content: 'stolen' })).status).toBe(404);
    expect((await stranger.delete(`${ownBase}/canned_responses/${responseId}`)).status).toBe(404);
    expect((await stranger.get(`${ownBase}/canned_responses`)).body).toEqual([]);
    // The same short code may exist in both accounts.
    expect((await stranger.post(`${ownBase}/canned_responses`, { short_code: 'secret', content: 'Ours' })).status).toBe(200);
    expect((await apiClient(stack, other.agent.token).get(`${base}/canned_responses`)).status).toBe(404);
  });

  it('leaves the response untouched after the refused attempts', async ({ client, base, responseId }) => {
    const list = (await client.get(`${base}/canned_responses`)).body;
    expect(list).toEqual([expect.objectContaining({ id: responseId, short_code: 'secret', content: 'Internal wording' })]);
  });
});
