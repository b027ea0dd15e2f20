import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false });

describe('canned responses through the Application API', () => {
  it('any agent creates, lists, searches, edits (PATCH and PUT) and deletes the account’s responses in Chatwoot’s shape', async ({ stack, account, base }) => {
    const agent = apiClient(stack, account.agent.token);
    const admin = apiClient(stack, account.admin.token);
    const created = await agent.post(`${base}/canned_responses`, { short_code: 'greet', content: 'Hi **{{contact.first_name}}**, thanks for writing!' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: expect.any(Number), account_id: account.account.id, short_code: 'greet', content: 'Hi **{{contact.first_name}}**, thanks for writing!' });
    await agent.post(`${base}/canned_responses`, { short_code: 'refund', content: 'Your refund is on its way.' });

    // Shared by the account: the administrator sees the agent's responses, by short code.
    expect((await admin.get(`${base}/canned_responses`)).body.map((r: { short_code: string }) => r.short_code)).toEqual(['greet', 'refund']);
    expect((await agent.get(`${base}/canned_responses?search=REF`)).body.map((r: { short_code: string }) => r.short_code)).toEqual(['refund']);
    expect((await agent.get(`${base}/canned_responses?search=thanks`)).body.map((r: { short_code: string }) => r.short_code)).toEqual(['greet']);
    expect((await agent.get(`${base}/canned_responses?search=%25`)).body).toEqual([]);

    const patched = await admin.patch(`${base}/canned_responses/${created.body.id}`, { content: 'Hello {{contact.name}}' });
    expect(patched.body).toMatchObject({ short_code: 'greet', content: 'Hello {{contact.name}}' });
    const put = await agent.put(`${base}/canned_responses/${created.body.id}`, { short_code: 'hello' });
    expect(put.body).toMatchObject({ short_code: 'hello', content: 'Hello {{contact.name}}' });

    expect((await agent.delete(`${base}/canned_responses/${created.body.id}`)).status).toBe(200);
    expect((await agent.get(`${base}/canned_responses`)).body.map((r: { short_code: string }) => r.short_code)).toEqual(['refund']);
  });
});
