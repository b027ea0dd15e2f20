import { eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { apiTest } from '../../../tests/support/api-test.js';
import { inboxes } from '../../../db/schema/index.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false });

describe('inboxes: who may do what', () => {
  it('answers 401 without a token', async ({ stack, base }) => {
    expect((await apiClient(stack).get(`${base}/inboxes`)).status).toBe(401);
  });

  it('hides inboxes from agents who are not members: absent from the list, 404 when asked by id', async ({ stack, account, base }) => {
    const outsider = apiClient(stack, account.outsider.token);
    const list = await outsider.get(`${base}/inboxes`);
    expect(list.status).toBe(200);
    expect(list.body.payload).toEqual([]);
    expect((await outsider.get(`${base}/inboxes/${account.inbox.id}`)).status).toBe(404);
    expect((await outsider.get(`${base}/inbox_members/${account.inbox.id}`)).status).toBe(404);
    const member = apiClient(stack, account.agent.token);
    expect((await member.get(`${base}/inboxes`)).body.payload.map((i: { id: number }) => i.id).sort()).toEqual([account.inbox.id, account.apiInbox.id].sort());
  });

  it('lets only administrators create, change or delete inboxes and their members', async ({ stack, account, base }) => {
    const agent = apiClient(stack, account.agent.token);
    const count = async () => Number((await stack.db.select({ n: sql<number>`count(*)::int` }).from(inboxes).where(eq(inboxes.accountId, account.account.id)))[0].n);
    const before = await count();
    expect((await agent.post(`${base}/inboxes`, { name: 'Mine', channel: { type: 'api' } })).status).toBe(403);
    expect((await agent.patch(`${base}/inboxes/${account.inbox.id}`, { name: 'Renamed' })).status).toBe(403);
    expect((await agent.delete(`${base}/inboxes/${account.inbox.id}`)).status).toBe(403);
    expect((await agent.post(`${base}/inbox_members`, { inbox_id: account.inbox.id, user_ids: [account.outsider.id] })).status).toBe(403);
    expect(await count()).toBe(before);
    expect((await agent.get(`${base}/inboxes/${account.inbox.id}`)).body.name).toBe('Website');
  });

  it("shows the identity-validation secret to administrators only, and lets only them switch or regenerate it", async ({ stack, account, base }) => {
    const admin = apiClient(stack, account.admin.token);
    const agent = apiClient(stack, account.agent.token);
    const adminView = (await admin.get(`${base}/inboxes/${account.inbox.id}`)).body;
    expect(adminView.hmac_token).toMatch(/^[0-9a-f]{64}$/);
    expect(adminView.hmac_token).toBe(account.inbox.hmacToken);
    expect(adminView.hmac_token).not.toBe(account.apiInbox.hmacToken);
    const agentView = (await agent.get(`${base}/inboxes/${account.inbox.id}`)).body;
    expect(agentView).toMatchObject({ hmac_token: null, hmac_mandatory: false });
    const agentList = JSON.stringify((await agent.get(`${base}/inboxes`)).body);
    expect(agentList).not.toContain(account.inbox.hmacToken);
    expect(agentList).not.toContain(account.apiInbox.hmacToken);
    expect((await agent.patch(`${base}/inboxes/${account.inbox.id}`, { channel: { hmac_mandatory: true, regenerate_hmac_token: true } })).status).toBe(403);
    const unchanged = (await admin.get(`${base}/inboxes/${account.inbox.id}`)).body;
    expect(unchanged).toMatchObject({ hmac_token: account.inbox.hmacToken, hmac_mandatory: false });

    const regenerated = await admin.patch(`${base}/inboxes/${account.inbox.id}`, { channel: { regenerate_hmac_token: true, hmac_mandatory: true } });
    expect(regenerated.status).toBe(200);
    expect(regenerated.body.hmac_mandatory).toBe(true);
    expect(regenerated.body.hmac_token).toMatch(/^[0-9a-f]{64}$/);
    expect(regenerated.body.hmac_token).not.toBe(account.inbox.hmacToken);
    expect((await admin.patch(`${base}/inboxes/${account.inbox.id}`, { channel: { hmac_mandatory: false } })).body.hmac_token).toBe(regenerated.body.hmac_token);
  });

  it('answers 404 to a member of another account', async ({ stack, account, base, otherAccount: other }) => {
    const stranger = apiClient(stack, other.admin.token);
    expect((await stranger.get(`${base}/inboxes`)).status).toBe(404);
    expect((await stranger.get(`${base}/inboxes/${account.inbox.id}`)).status).toBe(404);
    expect((await stranger.post(`${base}/inboxes`, { name: 'X', channel: { type: 'api' } })).status).toBe(404);
    // Their own account does not reach this account's inbox either.
    const ownBase = `/api/v1/accounts/${other.account.id}`;
    expect((await stranger.get(`${ownBase}/inboxes/${account.inbox.id}`)).status).toBe(404);
    expect((await stranger.delete(`${ownBase}/inboxes/${account.inbox.id}`)).status).toBe(404);
    const members = await stranger.post(`${ownBase}/inbox_members`, { inbox_id: account.inbox.id, user_ids: [other.agent.id] });
    expect(members.status).toBe(422);
  });
});
