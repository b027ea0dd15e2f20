import { describe, expect } from 'vitest';
import { insertContact } from '../../../db/queries/contacts.js';
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
    expect((await stranger.get(`${base}/labels/${labelId}`)).status).toBe(404);
    const ownBase = `/api/v1/accounts/${other.account.id}`;
    expect((await stranger.patch(`${ownBase}/labels/${labelId}`, { title: 'stolen' })).status).toBe(404);
    expect((await stranger.get(`${ownBase}/labels/${labelId}`)).status).toBe(404);
    expect((await stranger.get(`${ownBase}/labels`)).body.payload).toEqual([]);
    // The same title may exist in both accounts.
    expect((await stranger.post(`${ownBase}/labels`, { title: 'internal' })).status).toBe(200);
  });

  it('an agent labelling a conversation can use existing labels but not create new ones (403, nothing changes)', async ({ stack, account, base, labelId }) => {
    expect(labelId).toBeGreaterThan(0); // the account's one label, 'internal'
    const agent = apiClient(stack, account.agent.token);
    const admin = apiClient(stack, account.admin.token);
    const contact = await insertContact(stack.db, { accountId: account.account.id, name: 'Lena Label' });
    const id = (await agent.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
    expect((await agent.post(`${base}/conversations/${id}/labels`, { labels: ['internal'] })).body.payload).toEqual(['internal']);

    const refused = await agent.post(`${base}/conversations/${id}/labels`, { labels: ['internal', 'made-up'] });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', field: 'labels' });
    expect(refused.body.error.message).toContain('made-up');
    expect((await agent.get(`${base}/conversations/${id}/labels`)).body.payload).toEqual(['internal']);
    expect((await agent.get(`${base}/labels`)).body.payload.map((l: { title: string }) => l.title)).toEqual(['internal']);

    // Administrators manage labels, so naming a new one creates it.
    expect((await admin.post(`${base}/conversations/${id}/labels`, { labels: ['internal', 'escalated'] })).body.payload).toEqual(['escalated', 'internal']);
    expect((await agent.get(`${base}/labels`)).body.payload.map((l: { title: string }) => l.title)).toEqual(['escalated', 'internal']);
  });
});
