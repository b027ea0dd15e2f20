import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createTestAccount, startTestStack, type TestAccount, type TestStack } from '../../../tests/support/stack.js';

describe('saved views (custom_filters)', () => {
  let stack: TestStack;
  let account: TestAccount;
  let agent: ReturnType<typeof apiClient>;
  let base: string;
  const brazil = { payload: [{ attribute_key: 'country', filter_operator: 'equal_to', values: ['Brazil'], query_operator: null }] };

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    account = await createTestAccount(stack);
    agent = apiClient(stack, account.agent.token);
    base = `/api/v1/accounts/${account.account.id}`;
  });
  afterAll(() => stack.close());

  it('saves, lists by type, renames and deletes a view, in Chatwoot’s shapes', async () => {
    const created = await agent.post(`${base}/custom_filters`, { custom_filter: { name: 'Brazil', filter_type: 'contact', query: brazil } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: expect.any(Number), name: 'Brazil', filter_type: 'contact', query: brazil });
    const open = await agent.post(`${base}/custom_filters`, {
      name: 'Open ones',
      filter_type: 'conversation',
      query: { payload: [{ attribute_key: 'status', filter_operator: 'equal_to', values: ['open'] }] },
    });
    expect(open.status).toBe(200);
    expect((await agent.get(`${base}/custom_filters?filter_type=contact`)).body.map((f: { name: string }) => f.name)).toEqual(['Brazil']);
    expect((await agent.get(`${base}/custom_filters`)).body.map((f: { name: string }) => f.name)).toEqual(['Brazil', 'Open ones']);
    const renamed = await agent.patch(`${base}/custom_filters/${created.body.id}`, { custom_filter: { name: 'Brasil' } });
    expect(renamed.body).toMatchObject({ name: 'Brasil', query: brazil });
    expect((await agent.get(`${base}/custom_filters/${created.body.id}`)).body.name).toBe('Brasil');
    expect((await agent.delete(`${base}/custom_filters/${created.body.id}`)).body).toEqual({ success: true });
    expect((await agent.get(`${base}/custom_filters/${created.body.id}`)).status).toBe(404);
  });

  it('refuses a view that would not run, naming the field, and stores nothing', async () => {
    const bad = await agent.post(`${base}/custom_filters`, {
      name: 'Broken',
      filter_type: 'contact',
      query: { payload: [{ attribute_key: 'created_at', filter_operator: 'contains', values: ['x'] }] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('query.payload[0].filter_operator');
    // Checked against the conversation attributes when the view is for conversations.
    const wrongModel = await agent.post(`${base}/custom_filters`, { name: 'Wrong', filter_type: 'conversation', query: { payload: [{ attribute_key: 'status', filter_operator: 'equal_to', values: ['closed'] }] } });
    expect(wrongModel.status).toBe(422);
    expect(wrongModel.body.error.field).toBe('query.payload[0].values');
    expect((await agent.get(`${base}/custom_filters?filter_type=contact`)).body.map((f: { name: string }) => f.name)).not.toContain('Broken');
  });

  it('keeps each member’s views their own, and another account’s out of reach', async () => {
    const mine = await agent.post(`${base}/custom_filters`, { name: 'Mine', filter_type: 'contact', query: brazil });
    const colleague = apiClient(stack, account.outsider.token);
    expect((await colleague.get(`${base}/custom_filters`)).body).toEqual([]);
    expect((await colleague.get(`${base}/custom_filters/${mine.body.id}`)).status).toBe(404);
    expect((await colleague.patch(`${base}/custom_filters/${mine.body.id}`, { name: 'Stolen' })).status).toBe(404);
    expect((await colleague.delete(`${base}/custom_filters/${mine.body.id}`)).status).toBe(404);
    const other = await createTestAccount(stack);
    expect((await apiClient(stack, other.admin.token).get(`${base}/custom_filters`)).status).toBe(404);
    expect((await apiClient(stack).get(`${base}/custom_filters`)).status).toBe(401);
    expect((await agent.get(`${base}/custom_filters/${mine.body.id}`)).body.name).toBe('Mine');
  });
});
