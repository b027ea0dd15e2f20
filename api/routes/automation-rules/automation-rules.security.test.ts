import { eq, sql } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { automationRules } from '../../../db/schema/index.js';
import { apiTest } from '../../../tests/support/api-test.js';
import { apiClient } from '../../../tests/support/stack.js';

const it = apiTest({ worker: false }).extend('ruleId', { scope: 'file' }, async ({ stack, account, base }) =>
  (
    await apiClient(stack, account.admin.token).post(`${base}/automation_rules`, {
      name: 'Label VIPs',
      event_name: 'conversation_created',
      conditions: [{ attribute_key: 'email', filter_operator: 'contains', values: ['@vip.example'] }],
      actions: [{ action_name: 'add_label', action_params: ['vip'] }],
    })
  ).body.payload.id as number,
);

const validRule = { name: 'x', event_name: 'message_created', conditions: [], actions: [{ action_name: 'resolve_conversation', action_params: [] }] };

describe('routing rules: who may do what, and bad input', () => {
  it('only administrators read, write and try rules', async ({ stack, account, base, ruleId }) => {
    const agent = apiClient(stack, account.agent.token);
    expect((await agent.get(`${base}/automation_rules`)).status).toBe(403);
    expect((await agent.get(`${base}/automation_rules/${ruleId}`)).status).toBe(403);
    expect((await agent.post(`${base}/automation_rules`, validRule)).status).toBe(403);
    expect((await agent.patch(`${base}/automation_rules/${ruleId}`, { active: false })).status).toBe(403);
    expect((await agent.delete(`${base}/automation_rules/${ruleId}`)).status).toBe(403);
    expect((await agent.post(`${base}/automation_rules/dry_run`, { ...validRule, conversation_id: 1 })).status).toBe(403);
  });

  it('answers 404 across accounts', async ({ stack, base, otherAccount: other, ruleId }) => {
    const stranger = apiClient(stack, other.admin.token);
    expect((await stranger.get(`${base}/automation_rules`)).status).toBe(404);
    const ownBase = `/api/v1/accounts/${other.account.id}`;
    expect((await stranger.get(`${ownBase}/automation_rules/${ruleId}`)).status).toBe(404);
    expect((await stranger.patch(`${ownBase}/automation_rules/${ruleId}`, { active: false })).status).toBe(404);
    expect((await stranger.delete(`${ownBase}/automation_rules/${ruleId}`)).status).toBe(404);
  });

  it('names the bad field and stores nothing', async ({ stack, account, base, client, otherAccount }) => {
    const count = async () => Number((await stack.db.select({ n: sql<number>`count(*)::int` }).from(automationRules).where(eq(automationRules.accountId, account.account.id)))[0].n);
    const before = await count();
    const otherTeam = (await apiClient(stack, otherAccount.admin.token).post(`/api/v1/accounts/${otherAccount.account.id}/teams`, { name: 'Theirs' })).body;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...validRule, name: '' }, 'name'],
      [{ ...validRule, event_name: 'conversation_deleted' }, 'event_name'],
      [{ ...validRule, actions: [] }, 'actions'],
      [{ ...validRule, actions: [{ action_name: 'launch_rocket', action_params: [] }] }, 'actions.0.action_name'],
      [{ ...validRule, actions: [{ action_name: 'change_priority', action_params: ['critical'] }] }, 'actions.0.action_params'],
      [{ ...validRule, actions: [{ action_name: 'assign_team', action_params: [otherTeam.id] }] }, 'actions.0.action_params'],
      [{ ...validRule, conditions: [{ attribute_key: 'shoe_size', filter_operator: 'equal_to', values: ['42'] }] }, 'conditions.0.attribute_key'],
      [{ ...validRule, conditions: [{ attribute_key: 'content', filter_operator: 'sounds_like', values: ['x'] }] }, 'conditions.0.filter_operator'],
      [{ ...validRule, conditions: [{ attribute_key: 'content', filter_operator: 'contains', values: [] }] }, 'conditions.0.values'],
    ];
    for (const [body, field] of cases) {
      const response = await client.post(`${base}/automation_rules`, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    expect(await count()).toBe(before);
    // A client cannot take the echo id a rule's message will use.
    const contact = (await client.post(`${base}/contacts`, { name: 'Echo Eve' })).body.payload.contact;
    const conversation = (await client.post(`${base}/conversations`, { inbox_id: account.apiInbox.id, contact_id: contact.id })).body.id;
    const taken = await client.post(`${base}/conversations/${conversation}/messages`, { content: 'hi', echo_id: 'automation:1:1' });
    expect(taken.status).toBe(422);
    expect(taken.body.error.field).toBe('echo_id');
    const dry = await client.post(`${base}/automation_rules/dry_run`, { ...validRule, conversation_id: 999999 });
    expect(dry.status).toBe(422);
    expect(dry.body.error.field).toBe('conversation_id');
  });
});
